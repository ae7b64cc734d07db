import factory

from weefwerk.people.models import Organisation, Person


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stichting Voorbeeld {n}")
    description = "Een verzonnen organisatie voor tests."

    @factory.post_generation
    def domains(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.domains.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Faker("name", locale="nl_NL")
    function = "Medewerker"
    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.example")
