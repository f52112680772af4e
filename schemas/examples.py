"""Example bodies for the OpenAPI document; a test loads each through its schema."""

GRIEVANCE = {
    "type": "complaint",
    "filer_kind": "individual",
    "complainant": {
        "given_name": "Fatima",
        "family_name": "El Amrani",
        "country_of_residence": "FR",
        "city": "Lyon",
        "email": "fatima.elamrani@example.org",
        "phone": "+33612345678",
        "preferred_contact": "email",
        "language": "fr",
    },
    "administration": "Commune de Berkane, bureau de l'état civil",
    "region": "oriental",
    "category": "civil_status",
    "subject": "Birth certificate not transcribed",
    "description": (
        "I asked the commune in March to transcribe my daughter's birth, registered at the consulate "
        "in Lyon. Four months later nothing has happened and I cannot renew her passport."
    ),
    "desired_outcome": "The birth is transcribed and I receive a full copy of the record.",
    "prior_steps": {
        "contacted": True,
        "contacted_on": "2025-03-12",
        "reference": "EC-2025-0412",
        "answer": "none",
    },
    "not_before_court": True,
    "consent": True,
    "email_updates": True,
    "attachments": [],
}

REPLY = {
    "tracking_code": "ABCD-EFGH-JKLM-NPQR",
    "text": "Here is the full copy of the birth record you asked for.",
    "attachments": [],
}

WITHDRAW = {"tracking_code": "ABCD-EFGH-JKLM-NPQR", "reason": "The commune has transcribed the birth."}

TRACK = {"reference": "K7M-QX4-RTU", "tracking_code": "ABCD-EFGH-JKLM-NPQR"}

UPLOAD = {
    "filing": "0b9f8f3e-6a55-4d8a-9d51-1b2f3c4d5e6f",
    "kind": "decision",
    "type": "application/pdf",
    "size": 48213,
    "name": "decision-commune.pdf",
}

REISSUE = {"reference": "K7M-QX4-RTU", "email": "fatima.elamrani@example.org"}
