"""Fill an empty database with the fictional Kreis Beispielstadt: persons, families, histories, facts, log-ins.

    python manage.py seed_demo --persons 1000 --seed 1
    python manage.py seed_demo --persons 100000 --seed 1 --reset

The same number of persons, seed and reference date (``--today``, default today) give identical data.
The command refuses a database that already holds persons unless ``--reset`` is given, which first removes
the previous demo data; it never touches persons that are not demo data.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.demo import accounts, seeding
from wegweiser.persons.models import Person


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("--today erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2025-06-30.")) from None


def _thousands(value: int) -> str:
    """12.345 -- German digit grouping, independent of the active locale."""
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Erzeugt Demodaten des fiktiven Kreises Beispielstadt (Personen, Familien, Aufenthaltsverläufe, "
        "Integrationsfakten) und je Rolle ein Demo-Konto mit Passwort und zweitem Faktor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=1000, help="Anzahl der Personen (Standard: 1000)")
        parser.add_argument("--seed", type=int, default=1, help="Startwert des Zufallsgenerators (Standard: 1)")
        parser.add_argument("--reset", action="store_true",
                            help="vorhandene Demodaten zuerst löschen (Protokolleinträge bleiben erhalten)")
        parser.add_argument("--if-empty", action="store_true",
                            help="nur anlegen, wenn die Datenbank noch keine Personen enthält; sonst nichts tun")
        parser.add_argument("--today", type=_date, default=None,
                            help="Stichtag JJJJ-MM-TT, auf den sich alle Daten beziehen (Standard: heute)")
        parser.add_argument("--batch-size", type=int, default=seeding.DEFAULT_BATCH_SIZE,
                            help="Personen je Transaktion (Standard: %(default)s)")

    def handle(self, *args, **options) -> None:
        persons, seed = options["persons"], options["seed"]
        today = options["today"] or timezone.localdate()
        if not 1 <= persons <= 900_000:
            raise CommandError(_("--persons muss zwischen 1 und 900 000 liegen."))
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size muss mindestens 1 sein."))
        if today > timezone.localdate():
            raise CommandError(_("Der Stichtag darf nicht in der Zukunft liegen (Nachweise wären sonst künftig datiert)."))
        if options["if_empty"] and not options["reset"] and (count := Person.objects.count()):
            self.stdout.write(_(
                "Die Datenbank enthält bereits %(count)d Personen; es werden keine Demodaten angelegt. Die "
                "Demo-Anmeldungen wurden beim Anlegen ausgegeben; neu anlegen und wieder ausgeben: "
                "manage.py seed_demo --reset"
            ) % {"count": count})
            return
        try:
            seeding.check_database(options["reset"])
        except seeding.RealDataPresent as exc:
            raise CommandError(_(
                "Die Datenbank enthält %(count)d Personen, die nicht aus den Demodaten stammen. Demodaten werden "
                "nie mit echten Akten gemischt; --reset löscht nur Demodaten. Bitte eine eigene Datenbank verwenden."
            ) % {"count": exc.args[0]}) from None
        except seeding.NotEmpty as exc:
            raise CommandError(_(
                "Die Datenbank enthält bereits %(count)d Personen. seed_demo legt Demodaten nur in einer leeren "
                "Datenbank an; mit --reset werden die vorhandenen Demodaten zuerst gelöscht."
            ) % {"count": exc.args[0]}) from None
        if options["reset"]:
            self.stdout.write(_("Lösche vorhandene Demodaten …"))
            removed = seeding.reset(progress=self._deleting)
            self.stdout.write(_("Gelöscht: %(persons)d Personen, %(households)d Haushalte, %(accounts)d Konten, "
                                "%(teams)d Teams.") % removed)
        self.stdout.write(_("Erzeuge %(persons)d Personen (Startwert %(seed)d, Stichtag %(today)s) …") % {
            "persons": persons, "seed": seed, "today": today.strftime("%d.%m.%Y")})
        try:
            result = seeding.seed(persons, seed, today, batch_size=options["batch_size"], progress=self._progress)
        except accounts.AccountConflict as exc:
            raise CommandError(str(exc)) from None
        self._summary(result)
        self._casework(today)
        self._network()
        from wegweiser.demo import casework

        self.stdout.write(_("Einwilligungen für die Partnerkonten: %(count)d.") % {"count": casework.consents(today)})
        from django.core.management import call_command  # the default Beratungskonzept, if none exists

        call_command("load_default_concept", stdout=self.stdout)
        from wegweiser.demo import booking

        self.stdout.write(_("Terminvergabe: %(services)d Leistungen, %(slots)d Zeitfenster veröffentlicht.") % {
            "services": len(booking.CATALOGUE), "slots": booking.seed(today)})
        self._logins(result.logins)

    def _network(self) -> None:
        from django.core.management import call_command

        try:
            call_command("seed_network", stdout=self.stdout)
        except CommandError as exc:  # a directory with real entries stays untouched; the demo goes on
            self.stdout.write(self.style.WARNING(str(exc)))

    def _casework(self, today) -> None:
        from wegweiser.demo import casework

        accompanied = casework.accompany(today)
        self.stdout.write(_("Die Demo-Lotsin begleitet %(count)d Personen.") % {"count": accompanied})
        run = casework.first_screening(today)
        if run is None:
            self.stdout.write(_("Ein Prüflauf ist schon aktiv; die Arbeitslisten füllt er, sobald er fertig ist."))
            return
        self.stdout.write(_("Erster Prüflauf: %(status)s, %(processed)d von %(total)d Personen geprüft.") % {
            "status": run.get_status_display(), "processed": run.processed, "total": run.total})

    def _progress(self, done: int, total: int, seconds: float) -> None:
        rate = done / seconds if seconds else 0
        self.stdout.write(_("  %(done)s / %(total)s Personen (%(seconds).1f s, %(rate)s Personen/s)") % {
            "done": _thousands(done), "total": _thousands(total), "seconds": seconds, "rate": _thousands(round(rate))})

    def _deleting(self, done: int, total: int, _seconds: float) -> None:
        self.stdout.write(_("  %(done)s / %(total)s Personen gelöscht") % {
            "done": _thousands(done), "total": _thousands(total)})

    def _summary(self, result: seeding.SeedResult) -> None:
        counts = result.counts
        self.stdout.write(self.style.SUCCESS(
            _("Fertig in %(seconds).1f s: %(persons)d Personen in %(households)d Haushalten, %(periods)d "
              "Aufenthaltszeiträume, %(relations)d Familienbeziehungen.") % {
                "seconds": result.seconds, "persons": result.persons, "households": counts.get("household", 0),
                "periods": counts.get("residenceperiod", 0), "relations": counts.get("familyrelation", 0)}
        ))
        facts = ", ".join(f"{name} {count}" for name, count in sorted(counts.items())
                          if name not in ("person", "household", "residenceperiod", "familyrelation"))
        self.stdout.write(_("Weitere Datensätze: %(facts)s") % {"facts": facts})
        if result.search_keys is None:
            self.stdout.write(self.style.WARNING(_("Hinweis: Die Suche bietet keine Schlüsseltabelle an; nur die "
                                                   "Suchfelder der Personen wurden gefüllt.")))

    def _logins(self, logins: list[accounts.DemoLogin]) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo-Zugänge (fiktiver Kreis Beispielstadt)")))
        headers = (_("Rolle"), _("Benutzername"), _("Passwort"), _("TOTP-Schlüssel (Base32)"))
        rows = [(login.role, login.username, login.password,
                 " ".join(login.totp_secret[i : i + 4] for i in range(0, len(login.totp_secret), 4)))
                for login in logins]
        widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
        for row in [headers, tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True)))
        self.stdout.write("")
        self.stdout.write(_("Den TOTP-Schlüssel in einer Authenticator-App eintragen, oder den aktuellen Code "
                            "anzeigen lassen mit: python manage.py totp_code BENUTZERNAME (nur mit DEBUG=True)."))
        if not settings.DEBUG:
            self.stdout.write(self.style.WARNING(_(
                "Achtung: DEBUG ist aus. Demo-Zugänge mit bekannten Passwörtern gehören nicht in eine "
                "Produktivinstallation; totp_code funktioniert hier nicht.")))
