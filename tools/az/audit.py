"""Azerbaijani for the audit log (the admin page, its actions and what they were done on)."""

AZ = {
    "Audit log": "Audit jurnalı",
    "Download as CSV": "CSV kimi yüklə",
    "Who opened or downloaded participants' personal data, issued dossiers and changed where proposals are addressed. The log holds no personal data itself.":
        "Kim iştirakçıların şəxsi məlumatlarını açıb və ya yükləyib, təkliflər toplusunu təqdim edib və təkliflərin ünvanlandığı qurumu dəyişib. Jurnalın özündə şəxsi məlumat saxlanılmır.",
    ("Entries are kept for %(num)d day, then deleted.", "Entries are kept for %(num)d days, then deleted."):
        ("Qeydlər %(num)d gün saxlanılır, sonra silinir.", "Qeydlər %(num)d gün saxlanılır, sonra silinir."),
    "Entries are kept without a time limit.": "Qeydlər vaxt məhdudiyyəti olmadan saxlanılır.",
    "Action": "Əməliyyat",
    "Staff member": "İşçi",
    "Filter": "Süz",
    ("%(num)d entry", "%(num)d entries"): ("%(num)d qeyd", "%(num)d qeyd"),
    "What": "Nə",
    "IP address": "IP ünvanı",
    "the system": "sistem",
    ("%(num)d row", "%(num)d rows"): ("%(num)d sətir", "%(num)d sətir"),
    "No entries match.": "Uyğun qeyd yoxdur.",
    "Pages": "Səhifələr",
    "Previous": "Əvvəlki",
    # actions
    "Viewed personal data": "Şəxsi məlumatlara baxıb",
    "Exported personal data": "Şəxsi məlumatları ixrac edib",
    "Issued a dossier": "Təkliflər toplusunu təqdim edib",
    "Changed the authority of a proposal": "Təklifin ünvanlandığı qurumu dəyişib",
    "Sent a proposal to its authority": "Təklifi quruma göndərib",
    "Exported the audit log": "Audit jurnalını ixrac edib",
    # what the action was done on
    "People (directory)": "Şəxslər (kataloq)",
    "A person's details": "Şəxsin məlumatları",
    "Members of a contact group": "Kontakt qrupunun üzvləri",
    "Contact import": "Kontaktların idxalı",
    "Attendance marking list": "Davamiyyətin qeyd siyahısı",
    "Attendance report import": "Davamiyyət hesabatının idxalı",
    "Outgoing message": "Göndərilən məktub",
    "Certificates": "Sertifikatlar",
    "Dossier draft": "Təkliflər toplusunun qaralaması",
}
