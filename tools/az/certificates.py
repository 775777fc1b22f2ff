"""Azerbaijani for certificates of participation (issue 6)."""

AZ = {
    # the event form
    "Certificates of participation for the present participants":
        "İştirak edənlər üçün iştirak sertifikatları",
    "Present participants can receive a PDF certificate. Usually on for trainings.":
        "İştirak edənlər PDF sertifikat ala bilər. Adətən təlimlər üçün açıq olur.",
    # rules
    "Certificates are not enabled for this event. Turn them on first (in the event's settings, "
    "or with the button on the attendance page).":
        "Bu tədbir üçün sertifikatlar aktiv deyil. Əvvəlcə onları aktivləşdirin (tədbirin "
        "parametrlərində və ya iştirak səhifəsindəki düymə ilə).",
    "A cancelled event has no certificates.": "Ləğv edilmiş tədbir üçün sertifikat verilmir.",
    "This certificate has been revoked.": "Bu sertifikat ləğv edilib.",
    "There is no email address to send the certificate to. Please download it instead.":
        "Sertifikatı göndərmək üçün e-poçt ünvanı yoxdur. Zəhmət olmasa, onu yükləyin.",
    # the document
    "Certificate of participation": "İştirak sertifikatı",
    "This is to certify that": "Bu sertifikat təsdiq edir ki,",
    "took part in": "aşağıdakı tədbirdə iştirak etmişdir:",
    "Serial number": "Seriya nömrəsi",
    "Issued on": "Verilmə tarixi",
    "Scan the code or open the link to check this certificate:":
        "Sertifikatı yoxlamaq üçün kodu skan edin və ya keçidi açın:",
    # organisers' actions
    "Certificates are enabled for this event.": "Bu tədbir üçün sertifikatlar aktivləşdirildi.",
    "Someone else issued certificates at the same moment. Please press the button again.":
        "Başqa biri eyni anda sertifikat verdi. Zəhmət olmasa, düyməni yenidən basın.",
    ("%(num)d certificate issued.", "%(num)d certificates issued."):
        ("%(num)d sertifikat verildi.", "%(num)d sertifikat verildi."),
    "No new certificates: every present participant already has one.":
        "Yeni sertifikat yoxdur: iştirak edənlərin hamısının artıq sertifikatı var.",
    "Certificates sent by email: %(queued)d new, %(already)d sent before.":
        "E-poçtla göndərilən sertifikatlar: %(queued)d yeni, %(already)d əvvəl göndərilib.",
    "No usable email address (download and hand these over): %(names)s":
        "İşlək e-poçt ünvanı yoxdur (bunları yükləyib təhvil verin): %(names)s",
    "There are no certificates to download yet.": "Hələ yüklənəcək sertifikat yoxdur.",
    "The certificate has been sent to %(name)s.": "Sertifikat göndərildi: %(name)s.",
    "The certificate has been revoked.": "Sertifikat ləğv edildi.",
    "The certificate is valid again.": "Sertifikat yenidən etibarlıdır.",
    # the attendance page's panel
    "Certificates of participation": "İştirak sertifikatları",
    "Certificates are not enabled for this event.": "Bu tədbir üçün sertifikatlar aktiv deyil.",
    "Enable certificates": "Sertifikatları aktivləşdir",
    "%(issued)d certificates issued for %(present)d present participants.":
        "İştirak edən %(present)d nəfər üçün %(issued)d sertifikat verilib.",
    "Revoked: %(n)d.": "Ləğv edilib: %(n)d.",
    "Issue certificates": "Sertifikatları ver",
    "Email all certificates": "Bütün sertifikatları e-poçtla göndər",
    "Download all (.zip)": "Hamısını yüklə (.zip)",
    "Every present participant without a certificate gets one; pressing again adds only the new "
    "ones. Emailing all sends each certificate once.":
        "Sertifikatı olmayan hər iştirakçıya sertifikat verilir; yenidən basdıqda yalnız yeniləri "
        "əlavə olunur. Hamısına göndərmə hər sertifikatı bir dəfə göndərir.",
    "Name on the certificate": "Sertifikatdakı ad",
    "State": "Vəziyyət",
    "revoked": "ləğv edilib",
    "valid": "etibarlı",
    "Restore": "Bərpa et",
    "PDF": "PDF",
    "Revoke": "Ləğv et",
    # the public verification page
    "Certificate": "Sertifikat",
    "This certificate is no longer valid: its holder asked for their personal data to be deleted.":
        "Bu sertifikat artıq etibarlı deyil: sahibi şəxsi məlumatlarının silinməsini istəyib.",
    "Revoked on %(date)s.": "Ləğv tarixi: %(date)s.",
    "This certificate is genuine.": "Bu sertifikat həqiqidir.",
    "Certificate %(serial)s was issued to %(name)s for taking part in “%(title)s” on %(date)s.":
        "%(serial)s nömrəli sertifikat %(date)s tarixində keçirilmiş “%(title)s” tədbirində "
        "iştirakına görə %(name)s adına verilib.",
    "Issued on %(date)s by %(organisation)s.": "%(date)s tarixində %(organisation)s tərəfindən verilib.",
    # the participant's page
    "Download certificate": "Sertifikatı yüklə",
    "Email it to me": "E-poçtuma göndər",
    "The certificate is on its way to your email address.": "Sertifikat e-poçt ünvanınıza göndərilir.",
    # the message
    "Your certificate: %(title)s": "Sertifikatınız: %(title)s",
    "Thank you for taking part in “%(title)s” on %(date)s. Your certificate of participation is "
    "attached (PDF).":
        "%(date)s tarixində keçirilmiş “%(title)s” tədbirində iştirakınız üçün təşəkkür edirik. "
        "İştirak sertifikatınız əlavədədir (PDF).",
    "Anyone can check the certificate at this address:": "Sertifikatı hər kəs bu ünvanda yoxlaya bilər:",
}
