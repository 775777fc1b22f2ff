"""Fill the Azerbaijani catalogue from this table: `python tools/az_translations.py`.

The table is the reviewed source of the translations; `make messages` re-extracts the strings
and this script writes every known translation into umid_events/translations/az/…/messages.po.
A test fails when a string of the UI has no Azerbaijani translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "umid_events/translations/az/LC_MESSAGES/messages.po"

AZ = {
    "%(held)d / %(planned)d %(what)s held": "%(held)d / %(planned)d %(what)s keçirilib",
    "%(n)d scheduled, %(open)d not yet scheduled": "%(n)d planlaşdırılıb, %(open)d hələ planlaşdırılmayıb",
    ("%(num)d community", "%(num)d communities"): ("%(num)d icma", "%(num)d icma"),
    "Access denied": "Giriş qadağandır",
    "Account is active": "Hesab aktivdir",
    "Address": "Ünvan",
    "Administrator": "Administrator",
    "All communities": "Bütün icmalar",
    "All districts": "Bütün rayonlar",
    "All kinds": "Bütün növlər",
    "An account with this email already exists.": "Bu e-poçt ünvanı ilə hesab artıq mövcuddur.",
    "An unexpected error occurred. It has been logged; please try again later.":
        "Gözlənilməz xəta baş verdi. Qeydə alındı; bir az sonra yenidən cəhd edin.",
    "Another record already has this name.": "Bu ad artıq başqa qeyddə istifadə olunur.",
    "At least %(n)d characters.": "Ən azı %(n)d simvol.",
    "Back to the start page": "Ana səhifəyə qayıt",
    "Bad request": "Yanlış sorğu",
    "Business": "Sahibkarlıq subyekti",
    "Cancel": "İmtina",
    "Cancelled": "Ləğv edilib",
    "Communities": "İcmalar",
    "Community": "İcma",
    "Create the administrator account": "Administrator hesabını yarat",
    "Delete": "Sil",
    "Deleted.": "Silindi.",
    "Directory": "Kataloq",
    "District": "Rayon",
    "Districts": "Rayonlar",
    "Donor": "Donor",
    "Draft": "Qaralama",
    "E-government training": "Elektron hökumət təlimi",
    "Edit": "Redaktə et",
    "Email": "E-poçt",
    "Enter a phone number such as 050 123 45 67.": "Telefon nömrəsini 050 123 45 67 kimi yazın.",
    "File too large": "Fayl çox böyükdür",
    "First-time set-up": "İlkin quraşdırma",
    "Full name": "Ad, soyad",
    "Held": "Keçirilib",
    "Keep me signed in": "Məni yadda saxla",
    "Kind": "Növ",
    "Last sign-in": "Son giriş",
    "Leave empty to keep the current password.": "Cari şifrəni saxlamaq üçün boş buraxın.",
    "Load one from its plan file:": "Proqramı plan faylından yükləyin:",
    "Local executive authority": "Yerli icra hakimiyyəti",
    "Media": "Media",
    "Menu": "Menyu",
    "Moderator": "Moderator",
    "Municipality": "Bələdiyyə",
    "NGO": "QHT",
    "Name": "Ad",
    "Name of the community": "İcmanın adı",
    "New account": "Yeni hesab",
    "New community": "Yeni icma",
    "New district": "Yeni rayon",
    "New organisation": "Yeni təşkilat",
    "New password": "Yeni şifrə",
    "No programme has been loaded yet.": "Hələ heç bir proqram yüklənməyib.",
    "Not allowed": "İcazə verilmir",
    "Not scheduled yet": "Hələ planlaşdırılmayıb",
    "Nothing found.": "Heç nə tapılmadı.",
    "Nothing here yet.": "Burada hələ heç nə yoxdur.",
    "Online consultations, e-government trainings and seminars for communities of Quba, Xaçmaz and Şabran.":
        "Quba, Xaçmaz və Şabran icmaları üçün onlayn məsləhətlər, elektron hökumət təlimləri və seminarlar.",
    "Open the programme plan": "Proqramın planını aç",
    "Organisation": "Təşkilat",
    "Organisations": "Təşkilatlar",
    "Organiser": "Təşkilatçı",
    "Other": "Digər",
    "Other executive authority or ministry office": "Digər icra hakimiyyəti orqanı və ya nazirlik qurumu",
    "Page not found": "Səhifə tapılmadı",
    "Password": "Şifrə",
    "People": "Şəxslər",
    "Phone": "Telefon",
    "Plan": "Plan",
    "Please sign in to open this page.": "Bu səhifəni açmaq üçün daxil olun.",
    "Practical-advice consultation": "Praktik məsləhət görüşü",
    "Programme": "Proqram",
    "Programme-wide sessions": "Bütün proqram üzrə tədbirlər",
    "Published": "Dərc edilib",
    "Repeat the password": "Şifrəni təkrar yazın",
    "Role": "Rol",
    "Save": "Yadda saxla",
    "Saved.": "Yadda saxlanıldı.",
    "School": "Məktəb",
    "Search": "Axtar",
    "Search by name": "Ada görə axtar",
    "Search by name, email or phone": "Ad, e-poçt və ya telefona görə axtar",
    "Seminar": "Seminar",
    "Sessions per community": "İcmalar üzrə tədbirlər",
    "Show": "Göstər",
    "Sign in": "Daxil ol",
    "Sign out": "Çıxış",
    "Something went wrong": "Nəsə səhv getdi",
    "Staff accounts": "İşçi hesabları",
    "Staff sign-in": "İşçilər üçün giriş",
    "The account has been created.": "Hesab yaradıldı.",
    "The account has been saved.": "Hesab yadda saxlanıldı.",
    "The file or form you sent is larger than the allowed limit.":
        "Göndərdiyiniz fayl və ya forma icazə verilən həddən böyükdür.",
    "The first administrator has already been created.": "İlk administrator artıq yaradılıb.",
    "No account exists yet. Create the first administrator account; this page disappears once it is done.":
        "Hələ heç bir hesab yoxdur. İlk administrator hesabını yaradın; bundan sonra bu səhifə bağlanacaq.",
    "The form has expired or was sent from another page. Please reload it and try again.":
        "Formanın vaxtı bitib və ya başqa səhifədən göndərilib. Səhifəni yeniləyib yenidən cəhd edin.",
    "The last active administrator cannot be removed or demoted.":
        "Sonuncu aktiv administrator silinə və ya rolu dəyişdirilə bilməz.",
    "The municipality that serves this community.": "Bu icmaya xidmət göstərən bələdiyyə.",
    "The page you are looking for does not exist or has moved.": "Axtardığınız səhifə mövcud deyil və ya köçürülüb.",
    "The passwords do not match.": "Şifrələr üst-üstə düşmür.",
    "The request could not be understood. Please go back and try again.":
        "Sorğu başa düşülmədi. Geri qayıdıb yenidən cəhd edin.",
    "This field is required.": "Bu sahə mütləq doldurulmalıdır.",
    "This is a demo programme: every name in it is invented.": "Bu, nümayiş proqramıdır: buradakı bütün adlar uydurmadır.",
    "This page cannot be used that way.": "Bu səhifədən bu cür istifadə etmək olmaz.",
    "This record is still used by others and cannot be deleted.": "Bu qeyd hələ istifadə olunur və silinə bilməz.",
    "Too many attempts": "Həddindən çox cəhd",
    "Welcome! Your administrator account is ready.": "Xoş gəlmisiniz! Administrator hesabınız hazırdır.",
    "Wrong email or password.": "E-poçt və ya şifrə yanlışdır.",
    "You have signed out.": "Hesabdan çıxdınız.",
    "You have tried too many times. Please wait a minute and try again.":
        "Həddindən çox cəhd etdiniz. Bir dəqiqə gözləyib yenidən cəhd edin.",
    "Your account does not have permission to open this page.": "Hesabınızın bu səhifəni açmağa icazəsi yoxdur.",
    "consultations": "məsləhət görüşü",
    "held": "keçirilib",
    "inactive": "aktiv deyil",
    "name to be filled in": "adı daxil edilməlidir",
    "not yet scheduled": "hələ planlaşdırılmayıb",
    "scheduled": "planlaşdırılıb",
    "seminars": "seminar",
    "trainings": "təlim",
    # events and calendars
    "A cancelled or held event can no longer be changed.": "Ləğv edilmiş və ya keçirilmiş tədbiri artıq dəyişmək olmaz.",
    "A copy has been made one week later. Check its date and time.": "Bir həftə sonraya surəti yaradıldı. Tarixini və vaxtını yoxlayın.",
    "A new Jitsi room has been created for the event.": "Tədbir üçün yeni Jitsi otağı yaradıldı.",
    "Add these events to your calendar:": "Bu tədbirləri təqviminizə əlavə edin:",
    "Add to calendar": "Təqvimə əlavə et",
    "All events": "Bütün tədbirlər",
    "An event can be marked as held only once it has started.": "Tədbiri yalnız başlandıqdan sonra keçirilmiş kimi qeyd etmək olar.",
    "Back to the list": "Siyahıya qayıt",
    "Baku time": "Bakı vaxtı",
    "Calendar address": "Təqvim ünvanı",
    "Calendar file (.ics)": "Təqvim faylı (.ics)",
    "Calendar file with the link": "Keçidli təqvim faylı",
    "Cancel the event": "Tədbiri ləğv et",
    "Consultations and trainings belong to a community: choose one.": "Məsləhət görüşləri və təlimlər icmaya aiddir: icmanı seçin.",
    "Create a Jitsi room": "Jitsi otağı yarat",
    "Create my calendar address": "Təqvim ünvanımı yarat",
    "Date": "Tarix",
    "Description": "Təsvir",
    "Details": "Ətraflı",
    "Duplicate": "Surətini çıxar",
    "Ends at (Baku time)": "Bitmə vaxtı (Bakı vaxtı)",
    "Enter the full meeting address, starting with https://": "Görüşün tam ünvanını https:// ilə başlayaraq yazın.",
    "Events": "Tədbirlər",
    "Every status": "Bütün statuslar",
    "Filled in from the link when the platform has one.": "Platformada varsa, keçiddən avtomatik götürülür.",
    "Join button opens (minutes before the start)": "Qoşul düyməsi açılır (başlamazdan neçə dəqiqə əvvəl)",
    "Join link": "Qoşulma keçidi",
    "Leave empty for the usual length: 1½ hours for a consultation, 2 for a training, 3 for a seminar.":
        "Adi müddət üçün boş buraxın: məsləhət görüşü 1,5 saat, təlim 2 saat, seminar 3 saat.",
    "Leave empty for the usual title, such as “Praktik məsləhət: Günəşli, 1-ci görüş”.":
        "Adi ad üçün boş buraxın, məsələn: “Praktik məsləhət: Günəşli, 1-ci görüş”.",
    "Make a new address (the old one stops working)": "Yeni ünvan yarat (köhnəsi işləməyəcək)",
    "Mark as held": "Keçirilmiş kimi qeyd et",
    "Meeting ID": "İclas ID",
    "Meeting link": "Görüş keçidi",
    "Month calendar": "Aylıq təqvim",
    "More": "Daha çox",
    "My calendar": "Təqvimim",
    "New event": "Yeni tədbir",
    "Next month": "Növbəti ay",
    "No events match.": "Uyğun tədbir yoxdur.",
    "No events this month.": "Bu ay tədbir yoxdur.",
    "No meeting link yet.": "Hələ görüş keçidi yoxdur.",
    "No paid account? Open the event and press “Create a Jitsi room”.":
        "Ödənişli hesabınız yoxdur? Tədbiri açıb “Jitsi otağı yarat” düyməsini basın.",
    "Note: %(title)s of the same community overlaps this time.": "Diqqət: eyni icmanın “%(title)s” tədbiri bu vaxtla üst-üstə düşür.",
    "Online": "Onlayn",
    "Online meeting. The link to join is sent to registered participants.": "Onlayn görüş. Qoşulma keçidi qeydiyyatdan keçmiş iştirakçılara göndərilir.",
    "Open now": "İndi açıqdır",
    "Other platform": "Digər platforma",
    "Overlaps with %(title)s of the same community.": "Eyni icmanın “%(title)s” tədbiri ilə üst-üstə düşür.",
    "Passcode": "Şifrə",
    "Past": "Keçmiş",
    "Previous month": "Əvvəlki ay",
    "Public page": "İctimai səhifə",
    "Publish": "Dərc et",
    "Registered participants and staff": "Qeydiyyatdan keçmiş iştirakçılar və işçilər",
    "Required for consultations and trainings.": "Məsləhət görüşləri və təlimlər üçün mütləqdir.",
    "Schedule": "Cədvəl",
    "See the events": "Tədbirlərə bax",
    "Someone else changed this event while you were editing it. Your changes were not saved; please review the event and try again.":
        "Siz redaktə edərkən tədbiri başqası dəyişdi. Dəyişiklikləriniz yadda saxlanmadı; tədbirə yenidən baxıb təkrar cəhd edin.",
    "Staff only (not yet released to participants)": "Yalnız işçilər (iştirakçılara hələ açılmayıb)",
    "Starts at (Baku time)": "Başlama vaxtı (Bakı vaxtı)",
    "Status": "Status",
    "Subscribe": "Abunə ol",
    "Subscribe to this private address in Outlook, Google Calendar or your phone to see every event of the programme, drafts and video links included. Keep it secret: anyone with the address sees the links.":
        "Proqramın bütün tədbirlərini, qaralamalar və video keçidlər daxil olmaqla, görmək üçün Outlook, Google Calendar və ya telefonunuzda bu şəxsi ünvana abunə olun. Ünvanı gizli saxlayın: onu bilən hər kəs keçidləri görür.",
    "The event has been saved as a draft.": "Tədbir qaralama kimi yadda saxlanıldı.",
    "The event is cancelled.": "Tədbir ləğv edildi.",
    "The event is marked as held.": "Tədbir keçirilmiş kimi qeyd edildi.",
    "The event is published.": "Tədbir dərc edildi.",
    "The event must end after it starts.": "Tədbir başladıqdan sonra bitməlidir.",
    "The event starts soon": "Tədbir tezliklə başlayır",
    "The join button opens %(n)d minutes before the start.": "Qoşul düyməsi başlamazdan %(n)d dəqiqə əvvəl açılır.",
    "This cannot be done to the event in its current state.": "Tədbirin hazırkı vəziyyətində bunu etmək olmaz.",
    "This event has been cancelled.": "Bu tədbir ləğv edilib.",
    "This event has taken place.": "Bu tədbir artıq keçirilib.",
    "Title": "Ad",
    "Upcoming": "Qarşıdakı",
    "Video meeting": "Video görüş",
    "When": "Nə vaxt",
    "Who sees the link": "Keçidi kim görür",
    "Your calendar address is ready. Any older address no longer works.": "Təqvim ünvanınız hazırdır. Köhnə ünvanlar artıq işləmir.",
    "download .ics": ".ics faylını yüklə",
    "your time": "sizin vaxtınız",
    "schedule it": "planlaşdır",
    "subscribe": "abunə ol",
    # WTForms' own messages
    "Invalid email address.": "E-poçt ünvanı düzgün deyil.",
    "Not a valid choice.": "Siyahıdan seçim edin.",
    "Invalid Choice: could not coerce.": "Siyahıdan seçim edin.",
    "Field must be equal to %(other_name)s.": "Sahə %(other_name)s ilə eyni olmalıdır.",
    "Field must be between %(min)d and %(max)d characters long.":
        "%(min)d ilə %(max)d simvol arasında yazın.",
    ("Field must be at least %(min)d character long.", "Field must be at least %(min)d characters long."):
        ("Ən azı %(min)d simvol yazın.", "Ən azı %(min)d simvol yazın."),
    ("Field cannot be longer than %(max)d character.", "Field cannot be longer than %(max)d characters."):
        ("Ən çoxu %(max)d simvol yazmaq olar.", "Ən çoxu %(max)d simvol yazmaq olar."),
    ("Field must be exactly %(max)d character long.", "Field must be exactly %(max)d characters long."):
        ("Düz %(max)d simvol olmalıdır.", "Düz %(max)d simvol olmalıdır."),
    "Not a valid integer value.": "Tam ədəd yazın.",
    "Not a valid date value.": "Tarixi düzgün yazın.",
    "Not a valid datetime value.": "Tarix və vaxtı düzgün yazın.",
    "Not a valid time value.": "Vaxtı düzgün yazın (məsələn, 10:00).",
    "Number must be between %(min)s and %(max)s.": "Ədəd %(min)s ilə %(max)s arasında olmalıdır.",
    "Number must be at least %(min)s.": "Ədəd ən azı %(min)s olmalıdır.",
    "Number must be at most %(max)s.": "Ədəd ən çoxu %(max)s olmalıdır.",
    "Invalid URL.": "Keçid düzgün deyil.",
    "Invalid input.": "Daxil edilən məlumat düzgün deyil.",
}


def main() -> int:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="az")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        translation = AZ.get(message.id)
        if translation is None:
            missing.append(message.id)
            continue
        message.string = translation
        message.flags.discard("fuzzy")
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True, no_location=True)
    for message_id in missing:
        print(f"no Azerbaijani translation for: {message_id!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
