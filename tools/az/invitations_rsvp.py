"""Azerbaijani for calendar replies (RSVP) and for leaving the invitation lists."""

AZ = {
    "%(address)s receives no more invitations.": "%(address)s artıq dəvət almır.",
    "A Yes in the invitee’s calendar registers them and sends their personal link; a No is noted here.":
        "Dəvət olunanın təqvimindəki «Bəli» onu qeydiyyatdan keçirir və şəxsi linkini göndərir; «Xeyr» burada qeyd olunur.",
    "All calendar replies, also those that matched no invitation":
        "Bütün təqvim cavabları, heç bir dəvətə uyğun gəlməyənlər də",
    "Already registered; personal link sent again": "Artıq qeydiyyatdadır; şəxsi link yenidən göndərildi",
    "Calendar replies": "Təqvim cavabları",
    "Could not be read: look at it in the mailbox": "Oxunmadı: poçt qutusunda baxın",
    "Declined the invitation": "Dəvəti qəbul etmədi",
    "Declined while registered; sent the link to cancel":
        "Qeydiyyatda ikən imtina etdi; ləğv etmək üçün link göndərildi",
    "Do you want to stop receiving invitations to events at %(address)s?":
        "%(address)s ünvanına tədbirlərə dəvətlərin göndərilməsini dayandırmaq istəyirsiniz?",
    "How": "Necə",
    "I changed my mind: send me invitations again": "Fikrimi dəyişdim: dəvətləri yenə göndərin",
    "If you cannot come, please cancel on your page, so that someone on the waiting list gets your place:":
        "Gələ bilməyəcəksinizsə, səhifənizdə qeydiyyatı ləğv edin ki, yeriniz gözləmə siyahısındakı birinə çatsın:",
    "Invitations by email": "E-poçtla dəvətlər",
    "Mail read from the RSVP mailbox every minute, and what each one led to.":
        "RSVP poçt qutusundan hər dəqiqə oxunan məktublar və hər birinin nəticəsi.",
    "A mail without a calendar answer: read it in the mailbox": "Təqvim cavabı olmayan məktub: poçt qutusunda oxuyun",
    "Maybe": "Bəlkə",
    "Messages about events you have registered for (your confirmation, reminders with the join link, changes) still reach you.":
        "Qeydiyyatdan keçdiyiniz tədbirlərlə bağlı mesajlar (təsdiq, qoşulma linki ilə xatırlatmalar, dəyişikliklər) yenə də sizə çatacaq.",
    "No": "Xeyr",
    "No calendar replies yet.": "Hələ təqvim cavabı yoxdur.",
    "No invitation to this address: check by hand": "Bu ünvana dəvət yoxdur: əl ilə yoxlayın",
    "No more invitations, please": "Daha dəvət göndərməyin",
    "No more invitations, please:": "Daha dəvət göndərməyin:",
    "No one has unsubscribed.": "Heç kim abunəlikdən çıxmayıb.",
    "No RSVP mailbox is configured: invitations carry a calendar without Yes / No buttons, and invitees register with the button in the mail. Set RSVP_ADDRESS and RSVP_IMAP_HOST (see the README) for a Yes in a calendar to register them.":
        "RSVP poçt qutusu qurulmayıb: dəvətlərdəki təqvimdə «Bəli / Xeyr» düymələri yoxdur, dəvət olunanlar məktubdakı düymə ilə qeydiyyatdan keçir. Təqvimdəki «Bəli» onları qeydiyyatdan keçirsin deyə RSVP_ADDRESS və RSVP_IMAP_HOST təyin edin (README-yə baxın).",
    "No RSVP mailbox is configured: the invitation’s calendar has no Yes / No buttons; invitees register with the button in the mail.":
        "RSVP poçt qutusu qurulmayıb: dəvətin təqvimində «Bəli / Xeyr» düymələri yoxdur; dəvət olunanlar məktubdakı düymə ilə qeydiyyatdan keçir.",
    "Not about one of our events: check by hand": "Bizim tədbirlərdən birinə aid deyil: əl ilə yoxlayın",
    "Received": "Alınıb",
    "Register here:": "Burada qeydiyyatdan keçin:",
    "Registered; personal link sent": "Qeydiyyatdan keçdi; şəxsi link göndərildi",
    "Registration was not possible; told why": "Qeydiyyat mümkün olmadı; səbəbi bildirildi",
    "Result": "Nəticə",
    "Sender": "Göndərən",
    "Since": "Nə vaxtdan",
    "Stop sending me invitations": "Mənə dəvət göndərməyin",
    "The event page:": "Tədbirin səhifəsi:",
    "These addresses left the invitations with the link in an invitation or their mail program’s “Unsubscribe”. No invitation goes to them any more; messages about their own registrations still do. Only the person can come back, from the same link.":
        "Bu ünvanlar dəvətdəki link və ya poçt proqramının «Abunəlikdən çıx» düyməsi ilə dəvətlərdən çıxıb. Onlara artıq dəvət getmir; öz qeydiyyatları ilə bağlı mesajlar isə gedir. Yalnız şəxsin özü həmin linklə geri qayıda bilər.",
    "Unsubscribe button of the mail program": "Poçt proqramının «Abunəlikdən çıx» düyməsi",
    "Unsubscribe page": "Abunəlikdən çıxma səhifəsi",
    "Unsubscribed addresses": "Abunəlikdən çıxmış ünvanlar",
    "Unsubscribed from invitations, not invited: %(names)s": "Dəvətlərdən çıxıb, dəvət edilmədi: %(names)s",
    "We could not register you for %(title)s": "Sizi «%(title)s» tədbirinə qeydiyyatdan keçirə bilmədik",
    "Welcome back: %(address)s will receive invitations again.":
        "Xoş gəldiniz: %(address)s yenə dəvət alacaq.",
    "Yes": "Bəli",
    "You can also answer with the Yes / No buttons of your calendar: a Yes registers you, and your personal link comes by email.":
        "Təqviminizin «Bəli / Xeyr» düymələri ilə də cavab verə bilərsiniz: «Bəli» sizi qeydiyyatdan keçirir, şəxsi linkiniz e-poçtla gəlir.",
    "You will receive no more invitations": "Daha dəvət almayacaqsınız",
    "Your answer “No” for %(title)s": "«%(title)s» üçün «Xeyr» cavabınız",
    "Your calendar answered “No” to “%(title)s” (%(when)s). You are still registered.":
        "Təqviminiz «%(title)s» (%(when)s) dəvətinə «Xeyr» cavabı verdi. Siz hələ də qeydiyyatdasınız.",
    "Your calendar answered “Yes” to “%(title)s” (%(when)s), but we could not register you:":
        "Təqviminiz «%(title)s» (%(when)s) dəvətinə «Bəli» cavabı verdi, lakin sizi qeydiyyatdan keçirə bilmədik:",
}
