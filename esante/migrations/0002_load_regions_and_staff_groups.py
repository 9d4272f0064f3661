"""The 18 regions with their ARS, the two staff groups and the DSFR site settings.

Reference data the portal cannot run without, so it ships as a migration, not as demo content.
"""

from django.db import migrations

# (INSEE code, name, slug, ARS name, ARS site, overseas)
REGIONS = [
    ("84", "Auvergne-Rhône-Alpes", "auvergne-rhone-alpes", "ARS Auvergne-Rhône-Alpes",
     "https://www.auvergne-rhone-alpes.ars.sante.fr", False),
    ("27", "Bourgogne-Franche-Comté", "bourgogne-franche-comte", "ARS Bourgogne-Franche-Comté",
     "https://www.bourgogne-franche-comte.ars.sante.fr", False),
    ("53", "Bretagne", "bretagne", "ARS Bretagne", "https://www.bretagne.ars.sante.fr", False),
    ("24", "Centre-Val de Loire", "centre-val-de-loire", "ARS Centre-Val de Loire",
     "https://www.centre-val-de-loire.ars.sante.fr", False),
    ("94", "Corse", "corse", "ARS de Corse", "https://www.corse.ars.sante.fr", False),
    ("44", "Grand Est", "grand-est", "ARS Grand Est", "https://www.grand-est.ars.sante.fr", False),
    ("32", "Hauts-de-France", "hauts-de-france", "ARS Hauts-de-France",
     "https://www.hauts-de-france.ars.sante.fr", False),
    ("11", "Île-de-France", "ile-de-france", "ARS Île-de-France",
     "https://www.iledefrance.ars.sante.fr", False),
    ("28", "Normandie", "normandie", "ARS Normandie", "https://www.normandie.ars.sante.fr", False),
    ("75", "Nouvelle-Aquitaine", "nouvelle-aquitaine", "ARS Nouvelle-Aquitaine",
     "https://www.nouvelle-aquitaine.ars.sante.fr", False),
    ("76", "Occitanie", "occitanie", "ARS Occitanie", "https://www.occitanie.ars.sante.fr", False),
    ("52", "Pays de la Loire", "pays-de-la-loire", "ARS Pays de la Loire",
     "https://www.pays-de-la-loire.ars.sante.fr", False),
    ("93", "Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur",
     "ARS Provence-Alpes-Côte d'Azur", "https://www.paca.ars.sante.fr", False),
    ("01", "Guadeloupe", "guadeloupe", "ARS Guadeloupe, Saint-Martin et Saint-Barthélemy",
     "https://www.guadeloupe.ars.sante.fr", True),
    ("02", "Martinique", "martinique", "ARS Martinique", "https://www.martinique.ars.sante.fr", True),
    ("03", "Guyane", "guyane", "ARS Guyane", "https://www.guyane.ars.sante.fr", True),
    ("04", "La Réunion", "la-reunion", "ARS La Réunion", "https://www.lareunion.ars.sante.fr", True),
    ("06", "Mayotte", "mayotte", "ARS Mayotte", "https://www.mayotte.ars.sante.fr", True),
]  # fmt: skip

GROUPS = ["Équipe DNS", "Équipe ARS"]


def load_reference_data(apps, schema_editor):
    Region = apps.get_model("esante", "Region")
    for code, name, slug, ars_name, ars_url, overseas in REGIONS:
        Region.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "slug": slug,
                "ars_name": ars_name,
                "ars_url": ars_url,
                "is_overseas": overseas,
            },
        )
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    DsfrConfig = apps.get_model("dsfr", "DsfrConfig")
    if not DsfrConfig.objects.exists():
        DsfrConfig.objects.create(
            language="fr",
            site_title="Concertation e-santé",
            site_tagline="Feuille de route du numérique en santé : lire, débattre, contribuer",
            header_brand="République française",
            header_brand_html="République<br>française",
            footer_brand="République française",
            footer_brand_html="République<br>française",
            footer_description=(
                "Le portail de la concertation sur la feuille de route du numérique en santé, "
                "animé par la Délégation ministérielle au Numérique en Santé (DNS)."
            ),
            accessibility_status="NOT",
        )


def unload_reference_data(apps, schema_editor):
    apps.get_model("esante", "Region").objects.filter(code__in=[r[0] for r in REGIONS]).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("esante", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("dsfr", "0012_dsfrconfig_notice_description_and_more"),
    ]

    operations = [migrations.RunPython(load_reference_data, unload_reference_data)]
