"""Azerbaijani for the documents: letterhead, press releases and their publications, dossiers."""

AZ = {
    # letterhead
    "Letterhead": "Blank",
    "Dossiers and press releases are printed on this letterhead.": "Təkliflər toplusu və press-relizlər bu blankda çap olunur.",
    "Organisation name (Azerbaijani)": "Təşkilatın adı (azərbaycanca)",
    "Organisation name (English)": "Təşkilatın adı (ingiliscə)",
    "Address (Azerbaijani)": "Ünvan (azərbaycanca)",
    "Address (English)": "Ünvan (ingiliscə)",
    "Website": "Veb sayt",
    "Signatory": "İmzalayan şəxs",
    "Signatory's position (Azerbaijani)": "İmzalayanın vəzifəsi (azərbaycanca)",
    "Signatory's position (English)": "İmzalayanın vəzifəsi (ingiliscə)",
    "Programme code in reference numbers": "Məktub nömrələrində proqramın kodu",
    "Reference number pattern": "Məktub nömrəsinin şablonu",
    "{code} the programme code, {year}, {month}, {seq} the letter's number in the year; for example ÜMİD-2022/07-003.":
        "{code} proqramın kodu, {year} il, {month} ay, {seq} məktubun ildəki sıra nömrəsi; məsələn, ÜMİD-2022/07-003.",
    "Logo": "Loqo",
    "PNG or JPEG, at most 1 MB.": "PNG və ya JPEG, ən çoxu 1 MB.",
    "Remove the logo": "Loqonu sil",
    "The letterhead has been saved.": "Blank saxlanıldı.",
    "The logo file is empty.": "Loqo faylı boşdur.",
    "The logo is too large: at most %(kb)d KB.": "Loqo çox böyükdür: ən çoxu %(kb)d KB ola bilər.",
    "The logo must be a PNG or JPEG image.": "Loqo PNG və ya JPEG şəkli olmalıdır.",
    "The logo is too large: at most 4000 × 4000 pixels.": "Loqo çox böyükdür: ən çoxu 4000 × 4000 piksel ola bilər.",
    "The logo file is damaged or is not an image.": "Loqo faylı zədələnib və ya şəkil deyil.",
    "The reference pattern must contain {seq}, the letter's sequence number.":
        "Məktub nömrəsinin şablonunda {seq} (məktubun sıra nömrəsi) olmalıdır.",
    "The reference pattern may only use {code}, {year}, {month} and {seq}.":
        "Məktub nömrəsinin şablonunda yalnız {code}, {year}, {month} və {seq} ola bilər.",
    # press releases
    "Press release": "Press-reliz",
    "online": "onlayn",
    "Title (Azerbaijani)": "Başlıq (azərbaycanca)",
    "Text (Azerbaijani)": "Mətn (azərbaycanca)",
    "Title (English)": "Başlıq (ingiliscə)",
    "Text (English)": "Mətn (ingiliscə)",
    "A draft written from the event’s records. Edit it and save.":
        "Tədbirin qeydlərindən yazılmış qaralama. Redaktə edib saxlayın.",
    "Saved %(when)s.": "Saxlanılıb: %(when)s.",
    "Placeholders are filled from the records when the release is made:":
        "Press-reliz hazırlananda bu yer tutucular qeydlərdən doldurulur:",
    "Plain text": "Sadə mətn",
    "The press release has been saved.": "Press-reliz saxlanıldı.",
    "Not saved: %(problem)s The last good version is kept.": "Saxlanılmadı: %(problem)s Son düzgün variant qalır.",
    "A curly brace is not closed. Write placeholders as {date}; write a literal brace twice.":
        "Fiqurlu mötərizə bağlanmayıb. Yer tutucuları {date} kimi yazın; mötərizənin özünü iki dəfə yazın.",
    "Unknown placeholder {%(name)s}. You can use: %(names)s.":
        "Naməlum yer tutucu: {%(name)s}. İstifadə edə bilərsiniz: %(names)s.",
    "Give the press release a title in both languages.": "Press-relizə hər iki dildə başlıq verin.",
    "A title may have at most %(n)d characters.": "Başlıq ən çoxu %(n)d simvol ola bilər.",
    "Write the text of the press release in both languages.": "Press-relizin mətnini hər iki dildə yazın.",
    "A text may have at most %(n)d characters.": "Mətn ən çoxu %(n)d simvol ola bilər.",
    "Someone else saved this press release in the meantime. Their version is shown; make your changes again.":
        "Bu arada başqası press-relizi saxlayıb. Onun variantı göstərilir; dəyişikliklərinizi yenidən edin.",
    "Where it was published": "Harada dərc olunub",
    "Outlet": "KİV",
    "Address of the article": "Məqalənin ünvanı",
    "Date published": "Dərc tarixi",
    "Remove": "Sil",
    "Not recorded yet.": "Hələ qeyd olunmayıb.",
    "Save the press release first, then record where it was published.":
        "Əvvəlcə press-relizi saxlayın, sonra harada dərc olunduğunu qeyd edin.",
    "The publication has been recorded.": "Dərc qeyd olundu.",
    "The publication has been removed.": "Dərc silindi.",
    "Enter the full address of the article, starting with https://":
        "Məqalənin tam ünvanını https:// ilə başlayaraq yazın",
    "Name the outlet (at most 200 characters).": "KİV-in adını yazın (ən çoxu 200 simvol).",
    # dossiers
    "Dossiers": "Təkliflər topluları",
    "Dossier": "Təkliflər toplusu",
    "Dossiers for the authorities": "İcra hakimiyyəti orqanları üçün təkliflər topluları",
    "Authority": "Orqan",
    "From": "Başlanğıc",
    "To": "Son",
    "Show the proposals": "Təklifləri göstər",
    "%(n)d proposals accepted for this authority": "Bu orqan üçün qəbul edilmiş təkliflər: %(n)d",
    "Count": "Say",
    "Preview PDF": "PDF-ə ön baxış",
    "Issue the dossier": "Toplunu rəsmiləşdir",
    "Issuing gives it a reference number, keeps the PDF as it is and marks the proposals as sent to the authority.":
        "Rəsmiləşdirmə topluya nömrə verir, PDF-i olduğu kimi saxlayır və təklifləri orqana göndərilmiş kimi qeyd edir.",
    "Issued dossiers": "Rəsmiləşdirilmiş toplular",
    "Latest reference": "Son nömrə",
    "Issued": "Tarix",
    "Proposals": "Təkliflər",
    "Versions": "Variantlar",
    "No dossier has been issued yet.": "Hələ heç bir toplu rəsmiləşdirilməyib.",
    "Version": "Variant",
    "Reference": "Nömrə",
    "Issued by": "Rəsmiləşdirən",
    "Choose the authority again.": "Orqanı yenidən seçin.",
    "Another dossier was issued at the same moment. Please issue again.":
        "Eyni anda başqa toplu rəsmiləşdirildi. Yenidən rəsmiləşdirin.",
    "Dossier %(reference)s has been issued with %(n)d proposals.":
        "%(reference)s nömrəli toplu %(n)d təkliflə rəsmiləşdirildi.",
    "The period ends before it starts.": "Dövrün sonu başlanğıcından əvvəldir.",
    "There are no proposals accepted for this authority in this selection, so there is no dossier to make. Accept proposals for it first.":
        "Bu seçimdə həmin orqan üçün qəbul edilmiş təklif yoxdur, ona görə toplu hazırlanmır. Əvvəlcə təklifləri qəbul edin.",
    "Choose an organisation to send the dossier to.": "Toplunun göndəriləcəyi təşkilatı seçin.",
}
