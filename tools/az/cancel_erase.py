"""Azerbaijani for cancelling in two steps, registering again, erasure by scope, calendar buttons."""

AZ = {
    # the personal page
    "A place is still free: you can register again.": "Hələ boş yer var: yenidən qeydiyyatdan keçə bilərsiniz.",
    "All places are taken, but you can join the waiting list again.":
        "Bütün yerlər tutulub, amma yenidən gözləmə siyahısına yazıla bilərsiniz.",
    "Register again": "Yenidən qeydiyyatdan keç",
    "You are registered again.": "Yenidən qeydiyyatdan keçdiniz.",
    "The join link is in the calendar entry.": "Qoşulma linki təqvim qeydindədir.",
    "Join the meeting: %(url)s": "Görüşə qoşulun: %(url)s",
    "Your personal page: %(url)s": "Şəxsi səhifəniz: %(url)s",
    # cancelling
    "Cancel my registration?": "Qeydiyyatınız ləğv edilsin?",
    "Your place goes to the next person on the waiting list (or stays free for someone else).":
        "Yeriniz gözləmə siyahısında növbəti şəxsə keçir (və ya başqası üçün boş qalır).",
    "You leave the waiting list.": "Gözləmə siyahısından çıxırsınız.",
    "We send you a message that your registration is cancelled.":
        "Qeydiyyatınızın ləğv edildiyi barədə sizə mesaj göndəririk.",
    "This page stays: while places or the waiting list are open, you can register again from it.":
        "Bu səhifə qalır: yerlər və ya gözləmə siyahısı açıq olduqca buradan yenidən qeydiyyatdan keçə bilərsiniz.",
    "Yes, cancel my registration": "Bəli, qeydiyyatımı ləğv et",
    "Keep my registration": "Qeydiyyatımı saxla",
    # the cancellation notice
    "Your registration is cancelled: %(title)s": "Qeydiyyatınız ləğv edildi: %(title)s",
    "As you asked, your registration for “%(title)s” (%(when)s) has been cancelled.":
        "İstəyinizlə “%(title)s” (%(when)s) tədbirinə qeydiyyatınız ləğv edildi.",
    "Changed your mind? While places or the waiting list are open, you can register again from your personal page:":
        "Fikrinizi dəyişdiniz? Yerlər və ya gözləmə siyahısı açıq olduqca şəxsi səhifənizdən yenidən qeydiyyatdan keçə bilərsiniz:",
    "Your registration is cancelled: %(title)s, %(when)s.": "Qeydiyyatınız ləğv edildi: %(title)s, %(when)s.",
    "Register again:": "Yenidən qeydiyyat:",
    # erasure
    "Choose what to delete.": "Nəyin silinəcəyini seçin.",
    "Choose what to delete. This cannot be undone, and this page’s link stops working afterwards.":
        "Nəyin silinəcəyini seçin. Bunu geri qaytarmaq olmur və bundan sonra bu səhifənin linki işləmir.",
    "What should be deleted?": "Nə silinsin?",
    "This registration only: “%(title)s”": "Yalnız bu qeydiyyat: “%(title)s”",
    "This registration is cancelled and this page’s link stops working.":
        "Bu qeydiyyat ləğv edilir və bu səhifənin linki işləmir.",
    "Your certificate for “%(title)s” will be revoked: when someone verifies it, it will show as revoked at the holder’s request, without your name.":
        "“%(title)s” üzrə sertifikatınız ləğv ediləcək: kimsə onu yoxlayanda adınız olmadan, sahibinin istəyi ilə ləğv edildiyi görünəcək.",
    ("Your proposal from this event stays, without your name.",
     "Your %(num)d proposals from this event stay, without your name."):
        ("Bu tədbirdən təklifiniz adınız olmadan qalır.",
         "Bu tədbirdən %(num)d təklifiniz adınız olmadan qalır."),
    "Your organisation’s name on this registration is deleted.":
        "Bu qeydiyyatdakı təşkilatınızın adı silinir.",
    "Your name, phone number and email address stay with the organisers for your other registrations.":
        "Adınız, telefon nömrəniz və e-poçt ünvanınız digər qeydiyyatlarınız üçün təşkilatçılarda qalır.",
    "Everything about me": "Mənimlə bağlı hər şey",
    "Your name, phone number and email address are deleted, and the messages we sent you no longer show them.":
        "Adınız, telefon nömrəniz və e-poçt ünvanınız silinir, sizə göndərdiyimiz mesajlarda da artıq görünmür.",
    "All your registrations are cancelled, also for: %(titles)s.":
        "Bütün qeydiyyatlarınız ləğv edilir, bunlar da daxil olmaqla: %(titles)s.",
    "Your registration is cancelled.": "Qeydiyyatınız ləğv edildi.",
    "The links to all your personal pages stop working.": "Bütün şəxsi səhifələrinizin linkləri işləmir.",
    ("Your proposal stays, without your name.", "Your %(num)d proposals stay, without your name."):
        ("Təklifiniz adınız olmadan qalır.", "%(num)d təklifiniz adınız olmadan qalır."),
    "Only anonymous counts (community, group, gender) remain for the programme’s statistics.":
        "Proqramın statistikası üçün yalnız anonim saylar (icma, qrup, cins) qalır.",
    "Back, delete nothing": "Geri, heç nə silmə",
    "This registration has been cancelled and what it held about you deleted. The link to this page no longer works; your other registrations keep theirs.":
        "Bu qeydiyyat ləğv edildi və onda sizinlə bağlı olanlar silindi. Bu səhifənin linki artıq işləmir; digər qeydiyyatlarınızın linkləri qalır.",
    "Your name and contact details have been deleted and all your registrations cancelled. The links to your personal pages no longer work.":
        "Adınız və əlaqə məlumatlarınız silindi, bütün qeydiyyatlarınız ləğv edildi. Şəxsi səhifələrinizin linkləri artıq işləmir.",
    # certificate verification
    "Revoked at the holder’s request on %(date)s.": "%(date)s tarixində sahibinin istəyi ilə ləğv edilib.",
}
