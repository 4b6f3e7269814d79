# The materials models now live in the materials app (materials 0001), on the same tables: only the state moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('filings', '0004_filing_advisories'),
        ('materials', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='MaterialDownload'),
                migrations.DeleteModel(name='Material'),
                migrations.DeleteModel(name='FaceVerification'),
            ],
        ),
    ]
