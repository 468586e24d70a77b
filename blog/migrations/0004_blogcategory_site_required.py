# Every news category has its edition now (0003): the site is required, and names and slugs
# are unique per edition.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0003_give_categories_to_editions'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='blogcategory',
            name='site',
            field=models.ForeignKey(help_text='The edition (site) this belongs to; only its pages can use it.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='edition'),
        ),
        migrations.AddConstraint(
            model_name='blogcategory',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='blog_blogcategory_slug_per_edition'),
        ),
        migrations.AddConstraint(
            model_name='blogcategory',
            constraint=models.UniqueConstraint(fields=('site', 'name'), name='blog_blogcategory_name_per_edition'),
        ),
    ]
