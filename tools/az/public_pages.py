"""Azerbaijani for the light public pages: the menu, the organisers' contact, the
accountability page and following one's proposal."""

AZ = {
    "Contact the organisers": "Təşkilatçılarla əlaqə",
    "Write to the organisers": "Təşkilatçılara yazın",
    "The organisers have not entered their address yet; ask the moderator of your event.":
        "Təşkilatçılar hələ ünvanlarını daxil etməyiblər; tədbirinizin moderatorundan soruşun.",
    "Why it was declined": "Niyə rədd edildi",
    "Sent to the authority in the dossier %(reference)s.":
        "%(reference)s nömrəli dosyedə quruma göndərilib.",
    "Sent a proposal? Follow it with the link you received when you sent it.":
        "Təklif göndərmisiniz? Onu göndərəndə aldığınız keçidlə izləyin.",
    "The moderators have read this proposal; it is not shown on the public page.":
        "Moderatorlar bu təklifi oxuyublar; o, ictimai səhifədə göstərilmir.",
    "It says the same as another proposal and is followed there:":
        "Bu təklif başqa bir təkliflə eynidir və orada izlənilir:",
    "What happened so far": "İndiyədək nə baş verib",
    "received": "qəbul edildi",
    "Keep this page’s address to come back to it: it is the only way to follow an anonymous proposal.":
        "Bu səhifəyə qayıtmaq üçün ünvanını saxlayın: anonim təklifi izləməyin yeganə yolu budur.",
    "All proposals and answers": "Bütün təkliflər və cavablar",
    "Follow your proposal": "Təklifinizi izləyin",
    "This link shows where your proposal stands and the authority’s answer. Nobody else has it: bookmark it or write it down, it cannot be sent to you again.":
        "Bu keçid təklifinizin hansı mərhələdə olduğunu və qurumun cavabını göstərir. Onu başqa "
        "heç kim bilmir: əlfəcinlərə əlavə edin və ya yazıb saxlayın, ikinci dəfə göndərilə bilməz.",
    "Open my proposal’s page": "Təklifimin səhifəsini aç",
    "Follow this proposal": "Bu təklifi izlə",
    "Your name is not asked here. After sending you get a link to follow your proposal; to receive the answer by email, register for the event and send it from your personal page.":
        "Burada adınız soruşulmur. Göndərdikdən sonra təklifinizi izləmək üçün keçid alacaqsınız; "
        "cavabı e-poçtla almaq üçün tədbirə qeydiyyatdan keçin və təklifi şəxsi səhifənizdən göndərin.",
}
