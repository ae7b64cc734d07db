"""Create, edit and delete pages for anything that belongs to one trajectory."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from weefwerk.trajectories.access import ScopedObjectMixin
from weefwerk.trajectories.services import save_fields


class ScopedFormView(ScopedObjectMixin, FormView):
    """Shared by create and edit: the form knows its trajectory; writes go through a service."""

    write = True
    template_name = "trajectories/object_form.html"
    success_url_name = ""
    title = ""
    object = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["trajectory"] = self.trajectory
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_success_url(self):
        return reverse(self.success_url_name, args=[self.trajectory.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # builds the form, which loads the object
        context.update(
            title=self.get_title(), object=self.object, cancel_url=self.get_success_url()
        )
        return context

    def get_title(self):
        return self.title

    @transaction.atomic
    def form_valid(self, form):
        instance = self.object or self.new_instance()
        self.object = self.save(instance, form)
        messages.success(self.request, _("„%(name)s” is opgeslagen.") % {"name": self.object})
        return redirect(self.get_success_url())

    def new_instance(self):
        return self.model(trajectory=self.trajectory)

    def save(self, instance, form):
        return save_fields(instance, **form.cleaned_data)


class ScopedCreateView(ScopedFormView):
    pass


class ScopedUpdateView(ScopedFormView):
    def get_form_kwargs(self):
        self.object = self.get_object()
        return super().get_form_kwargs()


class ScopedDeleteView(ScopedObjectMixin, TemplateView):
    write = True
    template_name = "trajectories/object_confirm_delete.html"
    success_url_name = ""
    consequence = ""

    def get_success_url(self):
        return reverse(self.success_url_name, args=[self.trajectory.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.get_object(),
            consequence=self.consequence,
            cancel_url=self.get_success_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        name = str(obj)
        self.delete(obj)
        messages.success(request, _("„%(name)s” is verwijderd.") % {"name": name})
        return redirect(self.get_success_url())

    def delete(self, obj):
        obj.delete()
