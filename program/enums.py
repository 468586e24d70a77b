"""The kinds of things on a schedule. Apart from the models so that the schedule page and
the exports name them without importing the models."""

from django.db import models


class TalkKind(models.TextChoices):
    TALK = "talk", "Talk"
    TUTORIAL = "tutorial", "Tutorial"
    KEYNOTE = "keynote", "Keynote"
    LIGHTNING = "lightning", "Lightning talks"
    PANEL = "panel", "Panel"
    SPRINT = "sprint", "Sprint"
    DEEP_DIVE = "deep-dive", "Deep dive"
    WORKSHOP = "workshop", "Workshop"
    OTHER = "other", "Other"


class Difficulty(models.TextChoices):
    ALL = "all", "All levels"
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class ItemKind(models.TextChoices):
    BREAK = "break", "Break"
    MEAL = "meal", "Meal"
    REGISTRATION = "registration", "Registration"
    SOCIAL = "social", "Social event"
    SPRINT = "sprint", "Sprint"
    OTHER = "other", "Other"
