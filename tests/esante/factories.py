import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from esante.models import Region, User
from esante.roles import ARS_TEAM, DNS_TEAM


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Utilisateur {n}")
    password = factory.django.Password("motdepasse-de-test-42")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A verified primary e-mail by default, as allauth requires to sign in."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class DnsStaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=DNS_TEAM))


class ArsStaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        """ArsStaffFactory(regions=[region, ...]); Normandie by default."""
        if not create:
            return
        self.groups.add(Group.objects.get(name=ARS_TEAM))
        self.editor_regions.set(extracted or [Region.objects.get(slug="normandie")])
