"""The privacy notice is the law's and the deployment's: the full title of law 09-08, the CNDP's
number when it is set, and where the data is kept, derived from the backend and the region."""

import pytest
from portal.app import create_app

from functions.platform.config import Config
from schemas.vocabulary import LANGUAGES
from tests.test_configuration_check import SECRET, run_script

# The law's official title (or its established rendering) in each language.
LAW_TITLES = {
    "ar": "القانون رقم 09.08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي",
    "fr": "loi n°\u00a009-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel",
    "en": "law no. 09-08 on the protection of individuals with regard to the processing of personal data",
    "es": "Ley marroquí 09-08 relativa a la protección de las personas físicas respecto del tratamiento de datos de carácter personal",
    "it": "legge marocchina n. 09-08 relativa alla protezione delle persone fisiche nei confronti del trattamento dei dati a carattere personale",
    "nl": "wet nr. 09-08 betreffende de bescherming van natuurlijke personen bij de verwerking van persoonsgegevens",
    "de": "Gesetz Nr. 09-08 über den Schutz natürlicher Personen bei der Verarbeitung personenbezogener Daten",
}
ABROAD = {"ar": "خارج المغرب", "fr": "hors du Maroc", "en": "outside Morocco", "es": "fuera de Marruecos",
          "it": "fuori dal Marocco", "nl": "buiten Marokko", "de": "außerhalb Marokkos"}  # fmt: skip
PARIS = {"ar": "في فرنسا (باريس)", "fr": "en France (Paris)", "en": "in France (Paris)", "es": "en Francia (París)",
         "it": "in Francia (Parigi)", "nl": "in Frankrijk (Parijs)", "de": "in Frankreich (Paris)"}  # fmt: skip


def notice(lang, **settings) -> str:
    app = create_app(config=Config.from_env(settings))
    answer = app.test_client().get(f"/{lang}/privacy/")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_law_is_cited_by_its_full_title(lang):
    assert LAW_TITLES[lang] in notice(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_aws_the_notice_says_the_data_is_abroad_and_the_cdn_carries_it(lang):
    page = notice(lang, SAWT_STORAGE="aws", SAWT_AWS_REGION="eu-west-3", SAWT_CNDP_REFERENCE="D-GC-123/2026")
    assert ABROAD[lang] in page and PARIS[lang] in page and "CloudFront" in page
    assert '<bdi dir="ltr">D-GC-123/2026</bdi>' in page


def test_a_region_not_named_is_said_by_its_code():
    page = notice("fr", SAWT_STORAGE="aws", SAWT_AWS_REGION="ap-south-2")
    assert "dans la région ap-south-2 d'Amazon Web Services" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_one_server_the_notice_claims_no_transfer_and_no_cdn(lang):
    page = notice(lang, SAWT_STORAGE="local")
    assert ABROAD[lang] not in page and "CloudFront" not in page and "Amazon" not in page


def test_without_the_cndp_reference_no_number_is_shown():
    page = notice("en", SAWT_STORAGE="aws")
    assert "recorded this processing" not in page and "D-GC" not in page
    assert "recorded this processing of personal data under the number" in notice("en", SAWT_CNDP_REFERENCE="A-1/2026")


def test_the_number_is_text_not_markup():
    page = notice("en", SAWT_CNDP_REFERENCE="<script>x</script>")
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_make_deploy_refuses_production_without_the_cndp_reference():
    refused = run_script("deploy.py", "--stage", "prod", SAWT_SITE_BUCKET="sawt-prod-site", SAWT_SECRET_KEY=SECRET,
                         SAWT_ORIGIN_SECRET="o" * 64)  # fmt: skip
    assert refused.returncode == 2 and "SAWT_CNDP_REFERENCE is not set" in refused.stderr
    # With the number, that check passes (deploying then stops at the next one: no zips were built).
    passed = run_script("deploy.py", "--stage", "prod", SAWT_SITE_BUCKET="sawt-prod-site", SAWT_SECRET_KEY=SECRET,
                        SAWT_ORIGIN_SECRET="o" * 64, SAWT_CNDP_REFERENCE="D-GC-123/2026")  # fmt: skip
    assert "SAWT_CNDP_REFERENCE" not in passed.stderr
