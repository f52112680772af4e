"""Where a deployment keeps personal data, said in the privacy notice (law 09-08 asks for it).

Derived from the same settings the functions run with — the storage backend and the AWS region —
so the notice cannot promise what the deployment does not do. AWS has no region in Morocco: on the
`aws` backend the data is always stored abroad, and the pages reach people through CloudFront's
servers around the world.
"""

import dataclasses

from schemas.error_codes import N_

from ..platform.config import Config

# AWS regions an operator is likely to choose, named for a reader with their preposition ("au Royaume-Uni",
# "nel Regno Unito"); another region is named by its code.
REGION_PLACES = {
    "eu-west-3": N_("in France (Paris)"),
    "eu-west-1": N_("in Ireland"),
    "eu-central-1": N_("in Germany (Frankfurt)"),
    "eu-south-1": N_("in Italy (Milan)"),
    "eu-south-2": N_("in Spain (Aragon)"),
    "eu-west-2": N_("in the United Kingdom (London)"),
    "me-central-1": N_("in the United Arab Emirates"),
}


@dataclasses.dataclass(frozen=True)
class Hosting:
    backend: str  # "local" or "aws"
    place: str  # a msgid from REGION_PLACES, or "" (local backend, or a region not in the list)
    region: str  # the AWS region's code ("" on the local backend)
    cndp_reference: str  # the CNDP's declaration or authorisation number, "" when not set

    @property
    def abroad(self) -> bool:
        return self.backend == "aws"


def hosting(config: Config) -> Hosting:
    backend = config.storage
    region = config["SAWT_AWS_REGION"] if backend == "aws" else ""
    return Hosting(backend, REGION_PLACES.get(region, ""), region, config["SAWT_CNDP_REFERENCE"].strip())
