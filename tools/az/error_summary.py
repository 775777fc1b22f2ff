"""Azerbaijani for the participants' forms: the error summary, required fields, the knowledge check."""

AZ = {
    "Error": "Xəta",
    "Give at least one of them, or both.": "Ən azı birini yazın, ya da hər ikisini.",
    "Phone or email": "Telefon və ya e-poçt",
    "Question %(n)d: choose an answer.": "Sual %(n)d: cavablardan birini seçin.",
    "There is a problem": "Formada səhv var",
    "required": "məcburi",
}
