"""The demo office's appointment service: a service catalogue in the eight client languages, three counters
with opening hours, and the slots published from them. Idempotent: a second run changes nothing that exists."""

from __future__ import annotations

from datetime import date, time

from django.contrib.auth import get_user_model

from wegweiser.accounts.roles import Role
from wegweiser.appointments.models import BookingSettings, Counter, OpeningHours, Service
from wegweiser.appointments.services import slots

#: code, minutes, names (de en ar fa uk tr ru fr), what to bring (same order), counters (by key)
CATALOGUE: list[tuple[str, int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [
    ("verlaengerung", 20, (
        "Aufenthaltserlaubnis verlängern", "Extend a residence permit", "تمديد تصريح الإقامة",
        "تمدید اجازه اقامت", "Продовжити дозвіл на проживання", "Oturma iznini uzatma",
        "Продлить вид на жительство", "Prolonger un titre de séjour"), (
        "Pass, aktuelles biometrisches Foto, bisherige Aufenthaltserlaubnis, Nachweise zu Arbeit oder Ausbildung",
        "Passport, a current biometric photo, your current residence permit, proof of work or training",
        "جواز السفر، صورة بيومترية حديثة، تصريح الإقامة الحالي، إثباتات العمل أو التدريب",
        "گذرنامه، عکس بیومتریک جدید، اجازه اقامت فعلی، مدارک کار یا آموزش",
        "Паспорт, актуальне біометричне фото, чинний дозвіл на проживання, підтвердження роботи або навчання",
        "Pasaport, güncel biyometrik fotoğraf, mevcut oturma izni, iş veya eğitim belgeleri",
        "Паспорт, актуальное биометрическое фото, действующий вид на жительство, подтверждение работы или учёбы",
        "Passeport, photo biométrique récente, titre de séjour actuel, justificatifs de travail ou de formation"),
     ("s1", "s2")),
    ("fiktion", 15, (
        "Fiktionsbescheinigung", "Fiktionsbescheinigung (certificate while your application is decided)",
        "شهادة الاستمرار (Fiktionsbescheinigung)", "گواهی تداوم اقامت (Fiktionsbescheinigung)",
        "Фіктивне посвідчення (Fiktionsbescheinigung)", "Fiktionsbescheinigung (geçici belge)",
        "Фикционсбешайнигунг (Fiktionsbescheinigung)", "Attestation de fiction (Fiktionsbescheinigung)"), (
        "Pass, bisherige Aufenthaltserlaubnis, Eingangsbestätigung des Antrags",
        "Passport, your current residence permit, confirmation that your application was received",
        "جواز السفر، تصريح الإقامة الحالي، تأكيد استلام الطلب",
        "گذرنامه، اجازه اقامت فعلی، تأییدیه دریافت درخواست",
        "Паспорт, чинний дозвіл на проживання, підтвердження отримання заяви",
        "Pasaport, mevcut oturma izni, başvurunun alındığına dair belge",
        "Паспорт, действующий вид на жительство, подтверждение получения заявления",
        "Passeport, titre de séjour actuel, accusé de réception de la demande"),
     ("s1", "s2")),
    ("abholung", 10, (
        "Dokument abholen", "Pick up a document", "استلام وثيقة", "دریافت مدرک", "Отримати документ",
        "Belge teslim alma", "Получить документ", "Retirer un document"), (
        "Pass und das Abholschreiben", "Passport and the letter telling you to pick up the document",
        "جواز السفر ورسالة الاستلام", "گذرنامه و نامه دریافت", "Паспорт і лист про отримання",
        "Pasaport ve teslim alma mektubu", "Паспорт и письмо о получении", "Passeport et la lettre de retrait"),
     ("s1", "s2")),
    ("lotsin", 45, (
        "Beratung bei der Integrationslotsin", "Counselling with the integration pilot",
        "استشارة لدى مرشدة الاندماج", "مشاوره با راهنمای ادغام", "Консультація в інтеграційної лоцманки",
        "Uyum rehberi ile danışmanlık", "Консультация у интеграционного лоцмана",
        "Conseil auprès de la pilote d'intégration"), (
        "Pass oder Duldung, Zeugnisse und Nachweise zu Sprache, Arbeit oder Schule, wenn vorhanden",
        "Passport or Duldung, certificates and proof of language, work or school if you have them",
        "جواز السفر أو الدولدونغ، الشهادات وإثباتات اللغة أو العمل أو المدرسة إن وجدت",
        "گذرنامه یا دولدونگ، گواهی‌ها و مدارک زبان، کار یا مدرسه در صورت وجود",
        "Паспорт або Duldung, свідоцтва та підтвердження мови, роботи чи школи, якщо є",
        "Pasaport veya Duldung, varsa dil, iş veya okul belgeleri",
        "Паспорт или Duldung, свидетельства и подтверждения языка, работы или школы, если есть",
        "Passeport ou Duldung, certificats et justificatifs de langue, de travail ou d'école si vous en avez"),
     ("lotsin",)),
    ("einbuergerung", 30, (
        "Beratung zur Einbürgerung", "Naturalisation consultation", "استشارة حول التجنس", "مشاوره درباره تابعیت",
        "Консультація щодо натуралізації", "Vatandaşlık danışmanlığı", "Консультация по натурализации",
        "Conseil sur la naturalisation"), (
        "Pass, Aufenthaltstitel, Sprachzertifikat und Nachweis zum Einbürgerungstest, wenn vorhanden",
        "Passport, residence permit, language certificate and naturalisation test result if you have them",
        "جواز السفر، تصريح الإقامة، شهادة اللغة ونتيجة اختبار التجنس إن وجدت",
        "گذرنامه، اجازه اقامت، گواهی زبان و نتیجه آزمون تابعیت در صورت وجود",
        "Паспорт, дозвіл на проживання, мовний сертифікат і результат тесту на громадянство, якщо є",
        "Pasaport, oturma izni, dil sertifikası ve varsa vatandaşlık testi sonucu",
        "Паспорт, вид на жительство, языковой сертификат и результат теста на гражданство, если есть",
        "Passeport, titre de séjour, certificat de langue et résultat du test de naturalisation si vous en avez"),
     ("s2",)),
]
LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr", "ru", "fr")


def _counters() -> dict[str, Counter]:
    lotsin = get_user_model().objects.filter(role=Role.INTEGRATIONSLOTSE, username="lotsin").first()
    specs = {
        "s1": ("Schalter 1", "Rathaus, Erdgeschoss, Raum 0.12", None, [(d, time(8), time(12)) for d in range(5)]
               + [(3, time(14), time(18))]),
        "s2": ("Schalter 2", "Rathaus, Erdgeschoss, Raum 0.14", None, [(d, time(8), time(12)) for d in range(5)]),
        "lotsin": ("Beratungsraum Integrationslotsin", "Rathaus, 1. Obergeschoss, Raum 1.05", lotsin,
                   [(1, time(9), time(12)), (3, time(13), time(17))]),
    }
    counters: dict[str, Counter] = {}
    for key, (name, location, staff, hours) in specs.items():
        counter, created = Counter.objects.get_or_create(name=name, defaults={"location": location, "staff": staff})
        if created:
            OpeningHours.objects.bulk_create(OpeningHours(counter=counter, weekday=d, opens=o, closes=c)
                                             for d, o, c in hours)
        counters[key] = counter
    return counters


def seed(today: date) -> int:
    """Create the catalogue (if missing) and publish the slots from ``today``; returns the number of slots."""
    BookingSettings.current()
    counters = _counters()
    for position, (code, minutes, names, bring, on) in enumerate(CATALOGUE):
        service, created = Service.objects.get_or_create(code=code, defaults={
            "duration_minutes": minutes, "position": position,
            "name": dict(zip(LANGUAGES, names, strict=True)),
            "what_to_bring": dict(zip(LANGUAGES, bring, strict=True)),
        })
        if created:
            service.counters.set([counters[key] for key in on])
    slots.publish(today=today)
    from wegweiser.appointments.models import Slot

    return Slot.objects.count()
