# The materials models moved from the filings app (issue 10). Their tables keep their names and their rows:
# this migration only tells Django's state that the models now belong here; filings 0005 forgets them there.

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('entities', '0001_initial'),
        ('filings', '0004_filing_advisories'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='FaceVerification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('gateway_reference', models.CharField(max_length=64, unique=True)),
                        ('status', models.CharField(choices=[('pending', '待核验 / Pending'), ('passed', '已通过 / Passed'), ('failed', '未通过 / Failed')], db_index=True, default='pending', max_length=16)),
                        ('reason', models.TextField(blank=True)),
                        ('selfie_submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('filing', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='face_verifications', to='filings.filing')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='face_verifications', to='entities.person')),
                        ('started_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'filings_faceverification',
                        'ordering': ['filing', 'created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Material',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(choices=[('entity_certificate', '主体证件 / Entity certificate'), ('id_front', '身份证件正面 / ID, front'), ('id_back', '身份证件背面 / ID, back'), ('entity_head_id_front', "主体负责人证件正面 / Entity person in charge's ID, front"), ('entity_head_id_back', "主体负责人证件背面 / Entity person in charge's ID, back"), ('website_head_id_front', "网站负责人证件正面 / Website person in charge's ID, front"), ('website_head_id_back', "网站负责人证件背面 / Website person in charge's ID, back"), ('verification_form', '网站备案信息真实性核验单 / Authenticity verification form'), ('authorisation_letter', '授权书 / Authorisation letter'), ('residence_permit', '居住证 / Residence permit'), ('pre_approval_document', '前置审批文件 / Pre-approval document'), ('domain_certificate', '域名证书 / Domain certificate'), ('auxiliary', '其他辅助材料 / Other auxiliary material')], max_length=32)),
                        ('category', models.CharField(blank=True, help_text='Pre-approval category', max_length=32)),
                        ('status', models.CharField(choices=[('processing', '处理中 / Processing'), ('accepted', '已接受 / Accepted'), ('rejected', '未通过 / Rejected')], db_index=True, default='processing', max_length=16)),
                        ('rejection_code', models.CharField(blank=True, max_length=48)),
                        ('rejection_message', models.TextField(blank=True)),
                        ('original_name', models.CharField(blank=True, max_length=255)),
                        ('size', models.PositiveIntegerField(default=0)),
                        ('quarantine_path', models.CharField(blank=True, max_length=255)),
                        ('file_path', models.CharField(blank=True, max_length=255)),
                        ('thumbnail_path', models.CharField(blank=True, max_length=255)),
                        ('content_type', models.CharField(blank=True, max_length=32)),
                        ('sha256', models.CharField(blank=True, db_index=True, max_length=64)),
                        ('perceptual_hash', models.CharField(blank=True, max_length=16)),
                        ('width', models.PositiveIntegerField(blank=True, null=True)),
                        ('height', models.PositiveIntegerField(blank=True, null=True)),
                        ('findings', models.JSONField(blank=True, default=list)),
                        ('document_date', models.DateField(blank=True, null=True)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('processed_at', models.DateTimeField(blank=True, null=True)),
                        ('filing', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='materials', to='filings.filing')),
                        ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('website', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='materials', to='entities.website')),
                    ],
                    options={
                        'db_table': 'filings_material',
                        'ordering': ['filing', 'created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='MaterialDownload',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('variant', models.CharField(default='file', max_length=16)),
                        ('at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('material', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='downloads', to='materials.material')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'filings_materialdownload',
                        'ordering': ['-at'],
                    },
                ),
                migrations.AddIndex(
                    model_name='material',
                    index=models.Index(fields=['filing', 'kind', 'created_at'], name='filings_mat_filing__b93757_idx'),
                ),
                migrations.AddIndex(
                    model_name='material',
                    index=models.Index(fields=['status', 'created_at'], name='filings_mat_status_6cbe85_idx'),
                ),
            ],
        ),
    ]
