"""Azerbaijani for the outbox's view of the mail still to be written by the worker."""

AZ = {
    "Still to be written by the mail worker:": "Poçt işçisinin hələ hazırlamalı olduğu məktublar:",
    "waiting since %(when)s": "%(when)s tarixindən gözləyir",
    "The worker writes them within seconds. If these numbers do not go down, check that the mail worker (flask worker) is running.":
        "İşçi onları bir neçə saniyəyə hazırlayır. Bu rəqəmlər azalmırsa, poçt işçisinin (flask worker) işlədiyini yoxlayın.",
}
