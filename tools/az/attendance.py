"""Azerbaijani for the attendance screens: import preview, marking list, walk-ins, self check-in."""

AZ = {
    # report reader's errors and warnings
    "The file is larger than the upload limit of %(mb)d MB.": "Fayl icazə verilən %(mb)d MB həddindən böyükdür.",
    "This is not an attendance report: upload the CSV, TSV or XLSX file the video platform exported.":
        "Bu davamiyyət hesabatı deyil: video platformanın ixrac etdiyi CSV, TSV və ya XLSX faylını yükləyin.",
    "The file is not a table (CSV, TSV or XLSX).": "Fayl cədvəl deyil (CSV, TSV və ya XLSX).",
    "The file's letters cannot be read safely (it is not UTF-8 or UTF-16). Save it again as “CSV UTF-8” and upload that file.":
        "Faylın hərfləri etibarlı oxuna bilmir (UTF-8 və ya UTF-16 deyil). Onu “CSV UTF-8” kimi yenidən saxlayıb yükləyin.",
    "No attendance table was recognised: choose the columns by hand.":
        "Davamiyyət cədvəli tanınmadı: sütunları əl ilə seçin.",
    "Choose the column with the names or the emails.": "Adların və ya e-poçt ünvanlarının olduğu sütunu seçin.",
    "The report lists nobody who attended.": "Hesabatda iştirak edən heç kim yoxdur.",
    "The file could not be read as an attendance report.": "Fayl davamiyyət hesabatı kimi oxuna bilmədi.",
    "The table has no minutes: everyone in it is counted with 0 minutes.":
        "Cədvəldə dəqiqələr yoxdur: hər kəs 0 dəqiqə ilə sayılır.",
    "The dates could be read either way; they were read as %(order)s.":
        "Tarixlər iki cür oxuna bilərdi; %(order)s kimi oxundu.",
    "day first": "əvvəl gün",
    "month first": "əvvəl ay",
    "%(n)d host or organiser rows were left out.": "Aparıcı və ya təşkilatçının %(n)d sətri nəzərə alınmadı.",
    "%(n)d people who did not attend were left out.": "İştirak etməyən %(n)d nəfər nəzərə alınmadı.",
    "%(n)d rows without a name or email were skipped.": "Adı və ya e-poçtu olmayan %(n)d sətir buraxıldı.",
    "%(n)d cells start like a spreadsheet formula; they are kept as plain text and never run.":
        "%(n)d xana cədvəl düsturu kimi başlayır; onlar adi mətn kimi saxlanılır və heç vaxt icra olunmur.",
    "%(name)s was connected from two devices at once; the overlapping time is counted once.":
        "%(name)s eyni vaxtda iki cihazdan qoşulub; üst-üstə düşən vaxt bir dəfə sayılır.",
    "This report seems to be of another meeting: it starts %(report)s, %(days)s days away from the event.":
        "Bu hesabat, deyəsən, başqa görüşə aiddir: %(report)s başlayır, tədbirdən %(days)s gün fərqlə.",
    # services
    "This report has already been saved. Upload it again for a new preview.":
        "Bu hesabat artıq saxlanılıb. Yeni ilkin baxış üçün onu yenidən yükləyin.",
    "This person is neither registered for this event nor a walk-in.":
        "Bu şəxs nə bu tədbirə qeydiyyatdan keçib, nə də qeydiyyatsız gələnlərdəndir.",
    "Check-in works only from shortly before the start until shortly after the end.":
        "Qeydiyyat kodu yalnız başlamazdan bir az əvvəldən bitdikdən bir az sonraya qədər işləyir.",
    "This is not the code of this event. Please check it and try again.":
        "Bu, bu tədbirin kodu deyil. Yoxlayıb yenidən cəhd edin.",
    "Only confirmed participants can check in.": "Yalnız təsdiqlənmiş iştirakçılar iştirakını qeyd edə bilər.",
    # forms
    "Name": "Ad",
    "Minutes attended": "İştirak dəqiqələri",
    "Join time": "Qoşulma vaxtı",
    "Leave time": "Çıxma vaxtı",
    "Attendance report": "Davamiyyət hesabatı",
    "The participants or attendance report exported by Zoom, Microsoft Teams or Google Meet, or any CSV or XLSX table with names and minutes.":
        "Zoom, Microsoft Teams və ya Google Meet-in ixrac etdiyi iştirakçılar və ya davamiyyət hesabatı, ya da adlar və dəqiqələr olan istənilən CSV və ya XLSX cədvəli.",
    "Code read out by the host": "Aparıcının oxuduğu kod",
    "platform report": "platforma hesabatı",
    "marked by a moderator": "moderator qeyd edib",
    "checked in": "özü qeyd edib",
    "report, linked by hand": "hesabat, əl ilə əlaqələndirilib",
    "by email": "e-poçtla",
    "by phone": "telefonla",
    "by name": "adla",
    "by a spelling of the name": "adın başqa yazılışı ilə",
    "by a similar name": "oxşar adla",
    "by part of the name": "adın bir hissəsi ilə",
    "as decided at an earlier import": "əvvəlki idxalda qərara alındığı kimi",
    # views
    "The page had expired. Reload it and try again.": "Səhifənin vaxtı keçib. Onu yeniləyib yenidən cəhd edin.",
    "%(name)s added and marked present.": "%(name)s əlavə edildi və iştirak edən kimi qeyd olundu.",
    "A new check-in code is ready; the previous one no longer works.":
        "Yeni qeydiyyat kodu hazırdır; əvvəlki kod artıq işləmir.",
    "The page had expired. Please check the choices and save again.":
        "Səhifənin vaxtı keçib. Seçimləri yoxlayıb yenidən saxlayın.",
    "Attendance saved: %(created)d new, %(updated)d changed.":
        "Davamiyyət saxlanıldı: %(created)d yeni, %(updated)d dəyişdi.",
    "Thank you, your presence is recorded.": "Təşəkkür edirik, iştirakınız qeydə alındı.",
    "Type the code the host read out.": "Aparıcının oxuduğu kodu yazın.",
    # templates: attendance list
    "and %(n)d who came without registering": "və qeydiyyatdan keçmədən gələn %(n)d nəfər",
    "Mark attendance": "Davamiyyəti qeyd et",
    "Import a platform report": "Platforma hesabatını idxal et",
    "Self check-in code": "Özünüqeydiyyat kodu",
    "How we know": "Mənbə",
    "walk-in": "qeydiyyatsız",
    "From the command line:": "Əmr sətrindən:",
    # marking
    "Find a participant": "İştirakçını tap",
    "Type a name or phone, then Enter": "Ad və ya telefon yazın, sonra Enter",
    "Type a few letters of the name (ə, ş, ç can be typed as e, s, c), use ↑ ↓ to choose and Enter to mark present or absent.":
        "Adın bir neçə hərfini yazın (ə, ş, ç hərflərini e, s, c kimi yazmaq olar), ↑ ↓ ilə seçin, Enter ilə iştirak edib və ya etməyib kimi qeyd edin.",
    "Not saved. Check the connection and press Enter again.": "Saxlanılmadı. Bağlantını yoxlayıb yenidən Enter basın.",
    "Mark present": "İştirakı qeyd et",
    "Mark absent": "İştirakı sil",
    "Nobody is registered yet. Add people who came below.":
        "Hələ heç kim qeydiyyatdan keçməyib. Gələnləri aşağıda əlavə edin.",
    "Someone came without registering": "Kimsə qeydiyyatdan keçmədən gəlib",
    "Add and mark present": "Əlavə et və iştirak edən kimi qeyd et",
    # import
    "Nothing is saved yet: you will see who was recognised, who is uncertain and who is unknown, and decide before saving.":
        "Hələ heç nə saxlanılmır: kimin tanındığını, kimin şübhəli və kimin naməlum olduğunu görüb saxlamazdan əvvəl qərar verəcəksiniz.",
    "Zoom: Reports → Usage → Participants → Export (with or without the meeting data).":
        "Zoom: Reports → Usage → Participants → Export (görüş məlumatları ilə və ya onsuz).",
    "Microsoft Teams: Attendance → Download (the file is UTF-16; upload it as it is).":
        "Microsoft Teams: Attendance → Download (fayl UTF-16-dadır; olduğu kimi yükləyin).",
    "Google Meet: the attendance CSV from Google Drive or the meeting details.":
        "Google Meet: Google Drive-dan və ya görüş məlumatlarından davamiyyət CSV faylı.",
    "Choose the columns": "Sütunları seçin",
    "This table was not written by a platform we know. Say which column holds the names (or emails) and which the minutes attended.":
        "Bu cədvəli tanıdığımız platforma yaratmayıb. Hansı sütunda adların (və ya e-poçtların), hansında iştirak dəqiqələrinin olduğunu göstərin.",
    "Upload another file": "Başqa fayl yüklə",
    "What the report says": "Hesabatda nə var",
    "Nothing has been saved yet. Present means at least %(n)d minutes.":
        "Hələ heç nə saxlanılmayıb. İştirak ən azı %(n)d dəqiqə deməkdir.",
    "Recognised: %(num)d": "Tanındı: %(num)d",
    "Uncertain: %(num)d": "Şübhəli: %(num)d",
    "Unknown: %(num)d": "Naməlum: %(num)d",
    "In the report": "Hesabatda",
    "Recognised as": "Kim kimi tanındı",
    "What to save": "Nə saxlanılsın",
    "a device name, not a person": "şəxs deyil, cihaz adıdır",
    "Maybe:": "Bəlkə:",
    "Save as recognised": "Tanındığı kimi saxla",
    "Leave out": "Nəzərə alma",
    "This is %(name)s": "Bu, %(name)s",
    "A person from the directory…": "Kataloqdan bir şəxs…",
    "Add as a walk-in": "Qeydiyyatsız iştirakçı kimi əlavə et",
    "Directory person, if chosen above": "Yuxarıda seçilibsə, kataloqdan şəxs",
    "Directory person": "Kataloqdan şəxs",
    "Save attendance": "Davamiyyəti saxla",
    # check-in
    "Read the code out or share this screen in the meeting. Participants type it on their personal page, or scan the QR code with the phone on which they opened that page. The code works from %(opens)s to %(closes)s.":
        "Kodu səsləndirin və ya bu ekranı görüşdə paylaşın. İştirakçılar onu şəxsi səhifələrində yazır və ya həmin səhifəni açdıqları telefonla QR kodu skan edirlər. Kod %(opens)s %(closes)s qədər işləyir.",
    "Check-in code": "Qeydiyyat kodu",
    "QR code for check-in": "Qeydiyyat üçün QR kod",
    "Check-in is open": "Qeydiyyat açıqdır",
    "Check-in has not opened yet": "Qeydiyyat hələ açılmayıb",
    "Check-in has closed": "Qeydiyyat bağlanıb",
    "No code yet.": "Hələ kod yoxdur.",
    "Make a new code": "Yeni kod yarat",
    "Make a check-in code": "Qeydiyyat kodu yarat",
    "Check-in": "İştirakın qeydi",
    "I am here": "Buradayam",
    "Open your personal page for this event (the link in your confirmation message) on this phone, then scan the code again — or type the code the host reads out on your personal page.":
        "Bu telefonda bu tədbir üçün şəxsi səhifənizi açın (təsdiq məktubundakı keçid), sonra kodu yenidən skan edin — və ya aparıcının oxuduğu kodu şəxsi səhifənizdə yazın.",
    "Your presence is recorded.": "İştirakınız qeydə alınıb.",
    "Confirm I am here": "Buradayam, təsdiq edirəm",
    # plan page
    "People reached": "Əhatə olunan insanlar",
    "%(n)d different people took part in at least one session.":
        "%(n)d müxtəlif insan ən azı bir sessiyada iştirak edib.",
}
