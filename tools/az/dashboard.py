"""Azerbaijani for the programme dashboard, its reports and the outcome records."""

AZ = {
    "Held, percent": "Keçirilmə, %",
    "Percent of the minimum": "Minimumun %-i",
    "%(n)s of the %(total)d families never attended an e-government training.":
        "%(total)d ailədən %(n)s heç bir elektron hökumət təlimində iştirak etməyib.",
    "A dialogue platform is already recorded for this district.":
        "Bu rayon üçün dialoq platforması artıq qeydə alınıb.",
    "A file is attached:": "Fayl əlavə olunub:",
    "A number from 0 to 500.": "0-dan 500-ə qədər rəqəm.",
    "Answer rate": "Cavab nisbəti",
    "Answer rate, percent": "Cavab nisbəti, %",
    "Application for a payment terminal": "Ödəniş terminalı üçün müraciət",
    "Application saved.": "Müraciət yadda saxlanıldı.",
    "Applications for payment terminals": "Ödəniş terminalları üçün müraciətlər",
    "Approved": "Təsdiqlənib",
    "Attendance at held sessions": "Keçirilmiş görüşlərdə iştirak",
    "Attendance rate": "İştirak nisbəti",
    "Attendance rate, percent": "İştirak nisbəti, %",
    "Authority applied to": "Müraciət edilən qurum",
    "Choose": "Seç",
    "Consultations held": "Keçirilmiş məsləhət görüşləri",
    "Consultations planned": "Planlaşdırılmış məsləhət görüşləri",
    "Current": "Hazırda",
    "Dashboard": "İdarə paneli",
    "Date formed": "Yaradılma tarixi",
    "Date of the application": "Müraciət tarixi",
    "Date of the payment": "Ödəniş tarixi",
    "Delivered": "Çatdırılıb",
    "Delivered to the authorities": "Qurumlara çatdırılıb",
    "Dialogue platform": "Dialoq platforması",
    "Dialogue platform members by kind of organisation": "Dialoq platformasının üzvləri təşkilat növünə görə",
    "Dialogue platform saved.": "Dialoq platforması yadda saxlanıldı.",
    "Dialogue platforms": "Dialoq platformaları",
    "Enter a date.": "Tarixi daxil edin.",
    "Families": "Ailələr",
    "Families paying online": "Onlayn ödəniş edən ailələr",
    "Figures as of %(time)s.": "Rəqəmlər %(time)s vəziyyətinə.",
    "Find the person who was followed up: by name, phone or email.":
        "Əlaqə saxlanılan şəxsi tapın: adına, telefonuna və ya e-poçtuna görə.",
    "Fine": "Cərimə",
    "Flagged: %(name)s has not attended any e-government training of the programme.":
        "Qeyd edildi: %(name)s proqramın heç bir elektron hökumət təlimində iştirak etməyib.",
    "For example hesab.az.": "Məsələn, hesab.az.",
    "Founding document": "Təsis sənədi",
    "Generated": "Hazırlanıb",
    "Give the number of members of at least one kind of organisation.":
        "Ən azı bir təşkilat növü üzrə üzvlərin sayını göstərin.",
    "Goal": "Hədəf",
    "Household": "Ailə",
    "How it was confirmed": "Necə təsdiqləndi",
    "Internet": "İnternet",
    "Kind of organisation": "Təşkilat növü",
    "Kind of session": "Görüşün növü",
    "Media publications": "Media dərcləri",
    "Members": "Üzvlər",
    "Merged proposals are counted in the proposal they were merged into.":
        "Birləşdirilmiş təkliflər birləşdirildikləri təklifin tərkibində sayılır.",
    "Name of the platform": "Platformanın adı",
    "Nothing recorded in this period.": "Bu dövrdə heç nə qeydə alınmayıb.",
    "Nothing recorded yet.": "Hələ heç nə qeydə alınmayıb.",
    "Number": "Say",
    "Online payments after the trainings": "Təlimlərdən sonra onlayn ödənişlər",
    "Online payments by portal": "Onlayn ödənişlər portallar üzrə",
    "Online payments by service": "Onlayn ödənişlər xidmətlər üzrə",
    "Outcomes": "Nəticələr",
    "PDF, at most 5 MB.": "PDF, ən çox 5 MB.",
    "Participant group": "İştirakçı qrupu",
    "Payment recorded.": "Ödəniş qeydə alındı.",
    "Payments": "Ödənişlər",
    "People reached by community": "Əhatə olunan insanlar icmalar üzrə",
    "People reached by district": "Əhatə olunan insanlar rayonlar üzrə",
    "People reached by participant group": "Əhatə olunan insanlar iştirakçı qrupları üzrə",
    "People reached by sex": "Əhatə olunan insanlar cinsə görə",
    "People reached: present at least once in the period; a person at several sessions is counted once; "
    "a cancelled registration does not count. Community members reached: those who took part as community "
    "members.":
        "Əhatə olunan insanlar: dövr ərzində ən azı bir dəfə iştirak edənlər; bir neçə görüşdə olan şəxs bir dəfə "
        "sayılır; ləğv edilmiş qeydiyyat sayılmır. Əhatə olunan icma üzvləri: icma üzvü kimi iştirak edənlər.",
    "People registered": "Qeydiyyatdan keçən insanlar",
    "Period": "Dövr",
    "Planned": "Plan üzrə",
    "Portal": "Portal",
    "Programme report": "Proqram hesabatı",
    "Progress": "İrəliləyiş",
    "Proposals by authority": "Təkliflər qurumlar üzrə",
    "Proposals by status": "Təkliflər statusa görə",
    "Proposals delivered to the executive authorities": "İcra hakimiyyəti orqanlarına çatdırılmış təkliflər",
    "Proposals recorded": "Qeydə alınmış təkliflər",
    "Publications": "Dərclər",
    "Publications about the programme in online media": "Onlayn mediada proqram haqqında dərclər",
    "Publications of the press releases in online media": "Press-relizlərin onlayn mediada dərcləri",
    "Receipt shown": "Qəbz göstərilib",
    "Record a dialogue platform": "Dialoq platformasını qeydə al",
    "Record a payment": "Ödənişi qeydə al",
    "Record an application": "Müraciəti qeydə al",
    "Refresh": "Yenilə",
    "Refused": "İmtina edilib",
    "Report as PDF": "Hesabat PDF kimi",
    "Report as XLSX": "Hesabat XLSX kimi",
    "Said so on a follow-up call": "Sonrakı zəngdə bildirib",
    "Scheduled": "Təqvimdə",
    "Screenshot sent": "Ekran görüntüsü göndərilib",
    "Search by name, phone or email": "Ad, telefon və ya e-poçt üzrə axtarış",
    "Seen on a visit": "Ziyarət zamanı görülüb",
    "Seminars held": "Keçirilmiş seminarlar",
    "Service paid": "Ödənilən xidmət",
    "Sessions": "Görüşlər",
    "Sessions held": "Keçirilmiş görüşlər",
    "Sex": "Cins",
    "Submitted": "Təqdim edilib",
    "Target": "Hədəf göstəricisi",
    "Targets": "Hədəflər",
    "Tax or duty": "Vergi və ya rüsum",
    "Terminal installed": "Terminal quraşdırılıb",
    "The date cannot be in the future.": "Tarix gələcəkdə ola bilməz.",
    "The end date is not a date; use the form 2022-04-01.":
        "Son tarix düzgün tarix deyil; 2022-04-01 formasından istifadə edin.",
    "The family, when it is more than the person followed up.":
        "Ailə, əgər əlaqə saxlanılan şəxsdən ibarət deyilsə.",
    "The figures below cover the whole programme.": "Aşağıdakı rəqəmlər bütün proqramı əhatə edir.",
    "The file is empty.": "Fayl boşdur.",
    "The file is larger than %(mb)d MB.": "Fayl %(mb)d MB-dan böyükdür.",
    "The file is not a PDF. Scan or save the letter as PDF and upload it again.":
        "Fayl PDF deyil. Məktubu skan edin və ya PDF kimi saxlayın və yenidən yükləyin.",
    "The letter": "Məktub",
    "The period ends (%(end)s) before it starts (%(start)s): choose an end date on or after the start date.":
        "Dövr başlamazdan (%(start)s) əvvəl bitir (%(end)s): başlanğıc tarixi ilə eyni və ya ondan sonrakı "
        "son tarix seçin.",
    "The start date is not a date; use the form 2022-04-01.":
        "Başlanğıc tarixi düzgün tarix deyil; 2022-04-01 formasından istifadə edin.",
    "This application is already recorded: same community, authority and date.":
        "Bu müraciət artıq qeydə alınıb: eyni icma, qurum və tarix.",
    "This payment is already recorded: same person, service, portal and date.":
        "Bu ödəniş artıq qeydə alınıb: eyni şəxs, xidmət, portal və tarix.",
    "This person has not attended any e-government training of the programme.":
        "Bu şəxs proqramın heç bir elektron hökumət təlimində iştirak etməyib.",
    "This person has not attended any e-government training of the programme. You can still record the "
    "payment; it will be flagged.":
        "Bu şəxs proqramın heç bir elektron hökumət təlimində iştirak etməyib. Ödənişi yenə də qeydə ala "
        "bilərsiniz; o, qeyd ediləcək.",
    "Trainings held": "Keçirilmiş təlimlər",
    "Trainings planned": "Planlaşdırılmış təlimlər",
    "Under review": "Baxılır",
    "Unique people reached": "Əhatə olunan unikal insanlar",
    "Upload another to replace it.": "Əvəz etmək üçün başqasını yükləyin.",
    "Utilities (electricity, gas, water)": "Kommunal xidmətlər (elektrik, qaz, su)",
    "Whole programme": "Bütün proqram",
    "no training attended": "təlimdə iştirak etməyib",
    # knowledge checks
    "%(score)d of %(total)d right": "%(total)d sualdan %(score)d düzgün",
    "A few short questions before the session and the same ones after it, so that we see what the session "
    "gave. Your answers are not graded.":
        "Görüşdən əvvəl bir neçə qısa sual və ondan sonra eyni suallar: görüşün nə verdiyini görmək üçün. "
        "Cavablarınız qiymətləndirilmir.",
    "Add questions": "Suallar əlavə et",
    "After the session": "Görüşdən sonra",
    "Answer every question.": "Hər suala cavab verin.",
    "Answer the questions after the session": "Görüşdən sonrakı suallara cavab verin",
    "Answer the questions before the session": "Görüşdən əvvəlki suallara cavab verin",
    "Answered after": "Sonra cavab verənlər",
    "Answered before": "Əvvəl cavab verənlər",
    "Answered both": "Hər iki dəfə cavab verənlər",
    "At most %(n)d questions.": "Ən çox %(n)d sual.",
    "Back to my registration": "Qeydiyyatıma qayıt",
    "Before the session": "Görüşdən əvvəl",
    "Beyond the plan": "Plandan artıq",
    "Change in right answers, points": "Düzgün cavablarda dəyişiklik, bənd",
    "Change, points": "Dəyişiklik, bənd",
    "Knowledge before and after the sessions": "Görüşlərdən əvvəl və sonra biliklər",
    "Knowledge check": "Bilik yoxlaması",
    "Knowledge checks": "Bilik yoxlamaları",
    "Knowledge checks are for consultations and trainings.": "Bilik yoxlamaları məsləhət görüşləri və təlimlər üçündür.",
    "One block a question: the question on its first line, then one answer a line, starting with * for the "
    "right answer and - for the others; a blank line between questions. Leave empty for no knowledge check.":
        "Hər sual bir blokdur: birinci sətirdə sual, sonra hər sətirdə bir cavab; düzgün cavab * ilə, digərləri "
        "- ilə başlayır; suallar arasında boş sətir. Bilik yoxlaması olmasın deyə boş saxlayın.",
    "Participants answer the same questions on their personal page before the session and after it; the "
    "dashboard shows the change.":
        "İştirakçılar eyni suallara şəxsi səhifələrində görüşdən əvvəl və sonra cavab verirlər; idarə paneli "
        "dəyişikliyi göstərir.",
    "Participants have already answered these questions; they can no longer be changed.":
        "İştirakçılar artıq bu suallara cavab veriblər; onları daha dəyişmək olmaz.",
    "Question %(n)d: every answer starts with * (right) or - (wrong).":
        "Sual %(n)d: hər cavab * (düzgün) və ya - (səhv) ilə başlayır.",
    "Question %(n)d: give at least two answers.": "Sual %(n)d: ən azı iki cavab yazın.",
    "Question %(n)d: mark exactly one answer as right with *.": "Sual %(n)d: yalnız bir cavabı * ilə düzgün kimi qeyd edin.",
    "Question %(n)d: start with the question, then its answers.": "Sual %(n)d: əvvəlcə sual, sonra onun cavabları.",
    "Questions": "Suallar",
    "Questions saved.": "Suallar yadda saxlanıldı.",
    "Right answers after, percent": "Sonra düzgün cavablar, faiz",
    "Right answers are compared for the participants who answered both times.":
        "Düzgün cavablar hər iki dəfə cavab verən iştirakçılar üçün müqayisə olunur.",
    "Right answers before, percent": "Əvvəl düzgün cavablar, faiz",
    "Send my answers": "Cavablarımı göndər",
    "The questions open before the event starts and again once it is over.":
        "Suallar tədbir başlamazdan əvvəl və o bitdikdən sonra açıqdır.",
    "The same questions as before the session: what do you know now?":
        "Görüşdən əvvəlki suallar: indi nə bilirsiniz?",
    "There are no questions for this event.": "Bu tədbir üçün sual yoxdur.",
    "You have already answered these questions.": "Siz artıq bu suallara cavab vermisiniz.",
}
