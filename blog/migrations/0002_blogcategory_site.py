# News categories get an edition (Site), empty for now; their names and slugs stop being
# unique across editions (0004 makes them unique per edition once 0003 filled the sites).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='blogcategory',
            name='site',
            field=models.ForeignKey(help_text='The edition (site) this belongs to; only its pages can use it.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='edition'),
        ),
        migrations.AlterField(
            model_name='blogcategory',
            name='name',
            field=models.CharField(max_length=80),
        ),
        migrations.AlterField(
            model_name='blogcategory',
            name='slug',
            field=models.SlugField(max_length=80),
        ),
    ]
