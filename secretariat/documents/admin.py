from django.contrib import admin

from secretariat.audit.back_office import ServiceAdmin
from secretariat.documents.services import stock_sentence_set
from secretariat.labels.models import StockSentence


@admin.register(StockSentence)
class StockSentenceAdmin(ServiceAdmin):
    list_display = ("kind", "label", "text")
    fields = ("kind", "label", "text")
    create_service = staticmethod(stock_sentence_set)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        values = {"kind": instance.kind, "label": instance.label, "text": instance.text, **changes}
        return stock_sentence_set(actor=actor, **values)
