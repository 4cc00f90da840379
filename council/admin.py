from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from council.models import City, Council, CouncilCity, Department, Person, Role, Secretariat, User

NAME_FIELDS = ("name_en", "name_ko", "name_zh_hans")

admin.site.register(User, UserAdmin)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("code", *NAME_FIELDS, "country", "time_zone", "mayor")
    search_fields = ("code", *NAME_FIELDS)
    raw_id_fields = ("mayor",)


class CouncilCityInline(admin.TabularInline):
    model = CouncilCity
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = (*NAME_FIELDS, "founded_on", "assembly_interval_years")
    inlines = [CouncilCityInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = (*NAME_FIELDS, "city")
    list_filter = ("city",)
    search_fields = NAME_FIELDS


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "name_romanised", "title", "city", "department", "preferred_language", "user")
    list_filter = ("council", "city", "preferred_language")
    search_fields = ("name", "name_romanised", "email", "employee_id")
    list_select_related = ("city", "department", "user")
    raw_id_fields = ("user",)
    inlines = [RoleInline]


@admin.register(Secretariat)
class SecretariatAdmin(admin.ModelAdmin):
    filter_horizontal = ("departments",)
