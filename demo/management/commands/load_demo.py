from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from common import change_tokens
from demo.actions import load_actions
from demo.agreements import load_agreements
from demo.assemblies import load_assemblies
from demo.correspondence import load_correspondence
from demo.exchanges import load_drafts, load_exchanges
from demo.opportunities import load_opportunities
from demo.plans import load_plans
from demo.structure import load_council, load_departments, load_people, load_teams
from reminders.planning import plan_all


class Command(BaseCommand):
    help = "Create or refresh the Seoul–Beijing Integration Council demo data and accounts (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            council = load_council()
            departments = load_departments()
            teams = load_teams(council, departments)
            load_people(council, departments, teams)
            load_assemblies(council)
            load_exchanges(council)
            load_drafts(council)  # a member's drafts and what the lead did with them
            load_plans(council)  # after exchanges: goals link to them
            load_opportunities(council)
            load_correspondence(council)
            load_agreements(council)
            load_actions(council)  # last: action items come from letters, resolutions, commitments
            change_tokens.renew()  # much of it was created in bulk, without signals
        plan_all()  # the council's reminder rules with their defaults, and what they make due
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {council.name_en}."))
        call_command("demo_accounts", stdout=self.stdout)
