"""Azerbaijani for phone-first participants: SMS, WhatsApp, link recovery, matching by name."""

AZ = {
    "%(n)d characters": "%(n)d simvol",
    ("%(num)d person has a phone and no email: send their invitation on WhatsApp from the list.",
     "%(num)d people have a phone and no email: send their invitations on WhatsApp from the list."):
        ("%(num)d nəfərin telefonu var, e-poçtu yoxdur: dəvəti siyahıdan WhatsApp ilə göndərin.",
         "%(num)d nəfərin telefonu var, e-poçtu yoxdur: dəvətləri siyahıdan WhatsApp ilə göndərin."),
    ("%(num)d segment", "%(num)d segments"): ("%(num)d hissə", "%(num)d hissə"),
    "A place is yours: %(title)s, %(when)s.": "Sizə yer çatdı: %(title)s, %(when)s.",
    "Azerbaijani letters such as ə need UCS-2: 70 characters per SMS, 67 when split":
        "ə kimi Azərbaycan hərfləri UCS-2 tələb edir: bir SMS-də 70 simvol, bölündükdə 67",
    "Cancelled: %(title)s, %(when)s.": "Ləğv edildi: %(title)s, %(when)s.",
    "Changed: %(title)s, now %(when)s.": "Dəyişdi: %(title)s, indi %(when)s.",
    "Check your phone or email": "Telefonunuza və ya e-poçtunuza baxın",
    "Choosing SMS, you agree to receive text messages about your registration. Nothing else is sent.":
        "SMS seçməklə qeydiyyatınızla bağlı mesajlar almağa razılıq verirsiniz. Başqa heç nə göndərilmir.",
    "Enter a phone number such as 050 123 45 67, or an email address.":
        "Telefon nömrəsini 050 123 45 67 kimi və ya e-poçt ünvanını yazın.",
    "If someone is registered for this event with this phone number or email address, we have sent them the link to their page. It can take a minute.":
        "Əgər bu telefon nömrəsi və ya e-poçt ünvanı ilə bu tədbirə qeydiyyatdan keçən varsa, ona səhifəsinin linkini göndərdik. Bu bir dəqiqə çəkə bilər.",
    "Invitation for %(name)s. Please type your details yourself: nothing is filled in from the invitation, in case the link was passed on.":
        "%(name)s üçün dəvət. Məlumatlarınızı özünüz yazın: link başqasına ötürülmüş ola bilər deyə dəvətdən heç nə doldurulmur.",
    "Join:": "Qoşulun:",
    "Not registered yet? Register": "Hələ qeydiyyatdan keçməmisiniz? Qeydiyyat",
    "Nothing came? Send me my link again": "Heç nə gəlmədi? Linkimi yenidən göndərin",
    "Registered already? Send me my link again": "Artıq qeydiyyatdan keçmisiniz? Linkimi yenidən göndərin",
    "Registered: %(title)s, %(when)s.": "Qeydiyyat təsdiqləndi: %(title)s, %(when)s.",
    "Reminder: %(title)s, %(when)s.": "Xatırlatma: %(title)s, %(when)s.",
    "SMS": "SMS",
    "SMS to my phone": "Telefonuma SMS",
    "Send me my link": "Linkimi göndərin",
    "Send me my link again": "Linkimi yenidən göndərin",
    "Send my link, reminders and changes by": "Linkimi, xatırlatmaları və dəyişiklikləri göndərin",
    "Send on WhatsApp": "WhatsApp ilə göndər",
    "Send the link on WhatsApp": "Linki WhatsApp ilə göndər",
    "Sent on WhatsApp %(when)s": "WhatsApp ilə göndərilib: %(when)s",
    "Type the phone number or the email address you registered with. The link to your page goes there, by SMS or email; it is never shown here.":
        "Qeydiyyatdan keçdiyiniz telefon nömrəsini və ya e-poçt ünvanını yazın. Səhifənizin linki ora SMS və ya e-poçtla gedir; burada heç vaxt göstərilmir.",
    "Waiting list: %(title)s, %(when)s. We will text you when a place frees up.":
        "Gözləmə siyahısı: %(title)s, %(when)s. Yer boşalanda SMS göndərəcəyik.",
    "We already know you, so the link to your page goes to the phone number or email address we have for you, by SMS or email, within a minute.":
        "Sizi artıq tanıyırıq, ona görə səhifənizin linki bizdə olan telefon nömrənizə və ya e-poçt ünvanınıza SMS və ya e-poçtla bir dəqiqə ərzində gedir.",
    "WhatsApp": "WhatsApp",
    "You are already registered for this event. We have sent the link to your page to the phone number or email address we have for you.":
        "Siz bu tədbirə artıq qeydiyyatdan keçmisiniz. Səhifənizin linkini bizdə olan telefon nömrənizə və ya e-poçt ünvanınıza göndərdik.",
    "You are invited to “%(title)s” (%(when)s, online). Register here:":
        "Sizi “%(title)s” tədbirinə dəvət edirik (%(when)s, onlayn). Qeydiyyat:",
    "You are on the waiting list.": "Siz gözləmə siyahısındasınız.",
    "You are registered.": "Qeydiyyatdan keçdiniz.",
    "Your link for %(title)s:": "%(title)s üçün linkiniz:",
    "Your page for “%(title)s” (%(when)s), with the join button and the calendar entry:":
        "“%(title)s” (%(when)s) üçün səhifəniz, qoşulma düyməsi və təqvim qeydi ilə:",
    "Your page has the button to join the meeting, the calendar entry and a way to change or cancel your registration.":
        "Səhifənizdə görüşə qoşulma düyməsi, təqvim qeydi və qeydiyyatı dəyişmək və ya ləğv etmək imkanı var.",
    "Your page:": "Səhifəniz:",
    "Your phone number or email address": "Telefon nömrəniz və ya e-poçt ünvanınız",
}
