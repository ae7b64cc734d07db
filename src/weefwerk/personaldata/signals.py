"""Audit lines for every person that is created, changed or deleted, wherever it happens
(forms, imports, live sessions, commands). The erasure mutes these and writes one line."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from weefwerk.people.models import Person
from weefwerk.personaldata import audit
from weefwerk.trajectories.models import Trajectory

IGNORED = {"updated_at", "created_at"}


def _values(person) -> dict:
    return {
        f.attname: getattr(person, f.attname)
        for f in Person._meta.concrete_fields
        if f.name not in IGNORED
    }


@receiver(pre_save, sender=Person, dispatch_uid="personaldata_person_pre_save")
def remember_old_values(sender, instance, raw=False, **kwargs):
    if raw or audit.is_muted() or instance.pk is None:
        return
    old = Person.objects.filter(pk=instance.pk).first()
    instance._audit_old_values = _values(old) if old is not None else None


@receiver(post_save, sender=Person, dispatch_uid="personaldata_person_post_save")
def record_saved(sender, instance, created, raw=False, **kwargs):
    if raw or audit.is_muted():
        return
    if created:
        audit.record(action=audit.CREATED, trajectory=instance.trajectory_id, obj=instance)
        return
    old = getattr(instance, "_audit_old_values", None) or {}
    new = _values(instance)
    changed = sorted(
        Person._meta.get_field(name).name if not name.endswith("_id") else name[:-3]
        for name, value in new.items()
        if old.get(name) != value
    )
    instance._audit_old_values = new
    if old and not changed:
        return
    audit.record(
        action=audit.CHANGED,
        trajectory=instance.trajectory_id,
        obj=instance,
        description=", ".join(changed),
    )


def _origin_model(origin):
    return origin.model if hasattr(origin, "model") else type(origin)


@receiver(post_delete, sender=Person, dispatch_uid="personaldata_person_post_delete")
def record_deleted(sender, instance, origin=None, **kwargs):
    # A person removed because their whole trajectory is deleted: one line for the trajectory.
    if audit.is_muted() or (origin is not None and _origin_model(origin) is not Person):
        return
    audit.record(action=audit.DELETED, trajectory=instance.trajectory_id, obj=instance)


@receiver(post_delete, sender=Trajectory, dispatch_uid="personaldata_trajectory_post_delete")
def record_trajectory_deleted(sender, instance, **kwargs):
    if audit.is_muted():
        return
    audit.record(action=audit.DELETED, trajectory=None, obj=instance)
