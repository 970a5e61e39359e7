"""Ship the default Beratungskonzept (published version 1) so that protocols can be written from the start."""

from django.db import migrations


def load_default(apps, schema_editor):
    from wegweiser.counselling import defaults

    defaults.load(apps.get_model("counselling", "Concept"), apps.get_model("counselling", "CounsellingType"),
                  apps.get_model("counselling", "Topic"))


class Migration(migrations.Migration):

    dependencies = [("counselling", "0001_initial")]

    operations = [migrations.RunPython(load_default, migrations.RunPython.noop)]
