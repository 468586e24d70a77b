"""Blocks that show what the edition's Conference settings hold, so that a page never repeats
(and never goes stale on) an address or an email the settings already know."""

from wagtail import blocks


class VenueDetailsBlock(blocks.StaticBlock):
    class Meta:
        icon = "site"
        template = "components/blocks/venue_details_block.html"
        description = (
            "The venue's name and address with a map link, and the hotel booking link, "
            "from Conference settings."
        )
        admin_text = (
            "Shows the venue, its address, a map link and the hotel link from Conference settings."
        )
        label = "Venue details"


class ConductContactBlock(blocks.StaticBlock):
    class Meta:
        icon = "mail"
        template = "components/blocks/conduct_contact_block.html"
        description = "How to reach the code of conduct team: the email in Conference settings."
        admin_text = "Shows the code of conduct team's email from Conference settings."
        label = "Code of conduct contact"


class ContactsBlock(blocks.StaticBlock):
    class Meta:
        icon = "group"
        template = "components/blocks/contacts_block.html"
        description = "Every email of the edition (contact, program, sponsors, grants, visas)."
        admin_text = "Lists the edition's emails from Conference settings."
        label = "Who to write to"
