"""The demo program: three days, three rooms, three tracks, 47 sessions and 40 presenters.

Every name, company, title and bio here is invented for the demo. The builder is
deterministic and idempotent: it creates only what is missing, so a second run changes
nothing and editors' changes survive.
"""

import datetime
import hashlib
import math
import random

from django.core.files.images import ImageFile
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from demo.people import SKIN_TONES, png
from home.models import ConferenceSettings
from program.models import (
    ItemKind,
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    Room,
    ScheduleItem,
    TalkPage,
    TalkPresenter,
    Track,
)

ROOMS = [
    ("Cardinal Hall", "cardinal-hall", 1, 600),
    ("Dogwood Room", "dogwood-room", 2, 180),
    ("Longleaf Room", "longleaf-room", 3, 140),
]
TRACKS = [
    ("Web and APIs", "web", "#1d5fbf", 1),
    ("Data and operations", "data-ops", "#a34d00", 2),
    ("Community and craft", "community", "#7a3db8", 3),
]

# name, pronouns, role, company, bio (their own two or three sentences)
PRESENTERS = [
    ("Amara Okafor", "she/her", "Staff engineer", "Brightwater Labs",
     "Amara keeps the task queues at Brightwater Labs honest, and has been paged by most of "
     "them at least once. She maintains a small library for idempotent background tasks and "
     "writes about failure modes on her blog. At weekends she restores old road bicycles, "
     "then rides them very slowly along the canal."),
    ("Tomasz Wilk", "he/him", "Backend developer", "Saltmarsh Software",
     "Tomasz spends his working days at Saltmarsh Software moving columns around tables that "
     "nobody dares to lock. He has contributed fixes to Django's migration autodetector. "
     "Every loaf of sourdough he has baked in five years is recorded in a spreadsheet, with "
     "its hydration and a verdict."),
    ("Priya Raman", "she/her", "Engineering manager", "Tidewell Health",
     "Priya leads the patient portal team at Tidewell Health, where a confusing form can mean "
     "a missed appointment. Before management she spent six years building form widgets, and "
     "she still co-maintains an open-source date picker. She sings second alto in a choir "
     "that rehearses on Thursday nights."),
    ("Diego Ferreira", "he/him", "Freelance developer", "",
     "Diego builds and looks after Django sites for food banks, tenant unions and one very "
     "small theatre. Working alone taught him to write deployment notes his future self can "
     "follow at midnight. He is learning the cello, and his neighbours have been generous "
     "about it."),
    ("Hana Kobayashi", "she/her", "Data engineer", "Orchard Analytics",
     "Hana designs the nightly pipelines that turn raw sensor readings into the dashboards "
     "Orchard Analytics sells to fruit growers. She reviews pull requests for a PostgreSQL "
     "extension that partitions time series. Her balcony holds eleven chilli plants and no "
     "room for a chair."),
    ("Samuel Mensah", "he/him", "Developer advocate", "Quillfeather",
     "Samuel writes tutorials and sample apps at Quillfeather, and rewrites them whenever a "
     "reader gets stuck. He runs a monthly meetup for people taking their first steps in "
     "Python, with pizza and patient mentors. This year he also sits on the program "
     "committee."),
    ("Inês Carvalho", "she/her", "Security engineer", "Northbank Credit Union",
     "Inês hardens logins and sessions for the members of Northbank Credit Union and runs its "
     "internal capture-the-flag day. She has reported several vulnerabilities to open-source "
     "packages through coordinated disclosure. Outside work she climbs, mostly indoors, and "
     "keeps a notebook of routes she has not finished yet."),
    ("Jonah Bergström", "he/him", "Site reliability engineer", "Meridian Transit Authority",
     "Jonah keeps the trip planner of Meridian Transit Authority online through snowstorms "
     "and fare changes. He wrote most of the runbooks his team still uses. He collects paper "
     "transit maps from every city he visits and has framed the ugliest ones."),
    ("Lucía Márquez", "she/her", "Frontend developer", "Copperleaf Media",
     "Lucía builds reader-facing pages at Copperleaf Media and believes most of them should "
     "work before any JavaScript loads. She contributes examples and documentation to htmx "
     "extensions. Every Sunday she posts a four-panel comic about a developer called Byte and "
     "a very stubborn build tool."),
    ("Kwame Asante", "he/him", "CTO", "Pinecone Civic Tech",
     "Kwame co-founded Pinecone Civic Tech to help city councils publish their budgets and "
     "minutes as open data. In twenty years he has shipped software for a bank, a radio "
     "station and three elections. On Saturday mornings he coaches an under-twelve football "
     "team whose enthusiasm survives every score."),
    ("Mei-Lin Zhou", "she/they", "Research software engineer", "University of Eastport",
     "Mei-Lin builds the platform that lets researchers at the University of Eastport rerun "
     "an analysis from a paper published years ago. They maintain a small package for "
     "pinning scientific environments and teach a reproducibility workshop every term. They "
     "knit socks during long meetings and have never finished a matching pair on the same "
     "day."),
    ("Oskar Lindqvist", "he/him", "Principal engineer", "Kestrel Robotics",
     "Oskar makes the Python that drives Kestrel Robotics' warehouse arms fast enough to keep "
     "up with them. He has contributed patches to a sampling profiler. His desk holds four "
     "mechanical keyboards, and he switches to another one on the first day of each month."),
    ("Fatima Zahra Benali", "she/her", "Full-stack developer", "Foxglove Learning",
     "Fatima Zahra builds the homework platform Foxglove Learning offers to secondary schools, "
     "in three languages. On Wednesday afternoons she runs a coding club for teenagers at her "
     "local library. In the evenings she translates technical articles into French and Arabic "
     "for a volunteer-run magazine."),
    ("Rowan Ellis", "they/them", "Open source maintainer", "",
     "Rowan maintains a handful of reusable Django apps that quietly run inside thousands of "
     "projects, funded by sponsorships and stubbornness. They have mentored at every sprint of "
     "this conference since the first one. Rowan walks long-distance trails and drafts "
     "release notes on the train home."),
    ("Gabriel Santos", "he/him", "Software engineer", "Lanternfish Data",
     "Gabriel works on the search behind Lanternfish Data's product catalogue, which has never "
     "needed a dedicated search cluster. His contributions to Django's PostgreSQL search "
     "module are mostly tests, and he is proud of them. He plays bass in a surf rock band that "
     "performs mainly at friends' weddings."),
    ("Nadia Haddad", "she/her", "Product engineer", "Harbor & Pine",
     "Nadia builds the invoicing and payments side of Harbor & Pine's booking product, where "
     "every rounding error has a customer attached. She has designed public APIs at three "
     "companies and kept a list of every mistake she made in them. Her reading list holds "
     "four hundred novels, and she is working through it alphabetically."),
    ("Ethan Clarke", "he/him", "Junior developer", "Brightwater Labs",
     "Ethan joined Brightwater Labs last year after eight years of teaching chemistry to "
     "fifteen-year-olds. He writes a lot of tests, partly out of caution and partly because he "
     "enjoys it. Nobody has yet stopped him from explaining database transactions with "
     "beakers."),
    ("Yuki Tanaka", "she/her", "Platform engineer", "Saltmarsh Software",
     "Yuki owns the build pipelines at Saltmarsh Software and measures success in seconds "
     "shaved off each pull request. She contributes to an open-source tool that caches "
     "container layers in continuous integration. On clear mornings she climbs to the roof of "
     "her building to photograph the city before it wakes."),
    ("Adebayo Adeyemi", "he/him", "Lead developer", "Tidewell Health",
     "Adebayo leads the team that serves forty clinics from a single Django deployment at "
     "Tidewell Health. He hopes to open-source their tenancy library before the end of the "
     "year. Friends know him for enormous pots of jollof rice and firm opinions on how smoky "
     "it should be."),
    ("Sofia Rossi", "she/her", "Designer and developer", "Copperleaf Media",
     "Sofia works between design files and Django templates at Copperleaf Media, and prefers "
     "to own both ends of a component. She maintains the team's pattern library, which is "
     "small on purpose. At weekends she binds notebooks by hand and gives most of them away."),
    ("Liam O'Brien", "he/him", "Consultant", "Harbor & Pine",
     "Liam is the person Harbor & Pine sends when a client's Django project has not been "
     "upgraded in seven years. He keeps a public checklist of the traps he met in more than "
     "thirty of those rescues. He swims in the sea every month of the year and distrusts "
     "wetsuits."),
    ("Aisha Kamara", "she/her", "Machine learning engineer", "Orchard Analytics",
     "Aisha puts crop-yield models behind web endpoints at Orchard Analytics and watches what "
     "happens when real farmers use them. She mentors evening students at a coding bootcamp "
     "and reviews pull requests for an open-source model-serving toolkit."),
    ("Mateo Álvarez", "he/him", "Backend developer", "Meridian Transit Authority",
     "Mateo writes the real-time APIs that tell riders where their bus actually is, not where "
     "the timetable hopes it is. He maintains a small library for parsing transit feeds. On "
     "cloudless nights he drives out of the city with a telescope and a flask of coffee."),
    ("Chloé Dubois", "she/her", "Accessibility specialist", "Foxglove Learning",
     "Chloé tests every new feature of Foxglove Learning with a screen reader before it ships, "
     "and trains developers to do the same. Several public-sector teams use the accessibility "
     "guides she has written. She does the Saturday cryptic crossword in ink, without an "
     "eraser."),
    ("Arjun Mehta", "he/him", "Engineering director", "Lanternfish Data",
     "Arjun grew Lanternfish Data's engineering group from six people to sixty without losing "
     "its weekly demo day. He writes a newsletter about onboarding and keeps office hours for "
     "first-time managers. Colleagues describe his table tennis backhand as unfair."),
    ("Zainab Yusuf", "she/her", "Software engineer", "Pinecone Civic Tech",
     "Zainab makes Pinecone Civic Tech's tools work in every language a city council serves, "
     "right-to-left scripts included. She coordinates the volunteer translators of an "
     "open-source petition platform. She speaks four languages fluently and is halfway "
     "through learning Portuguese."),
    ("Noah Fischer", "he/him", "DevOps engineer", "Kestrel Robotics",
     "Noah built the dashboards Kestrel Robotics checks before anyone touches a production "
     "robot. He contributes exporters and documentation to open-source monitoring projects. "
     "His shed holds a growing collection of valve radios, three of which play music again."),
    ("Elena Popescu", "she/her", "Community organizer", "Eastport Python User Group",
     "Elena has run the Eastport Python User Group for six years, growing it from one table in "
     "a café to a hall of eighty. She hosts a podcast about community building, with guests "
     "from knitting circles to hackerspaces. Her favourite moment of any meetup is a "
     "newcomer's first question."),
    ("Marcus Johnson", "he/him", "Staff engineer", "Quillfeather",
     "Marcus moved Quillfeather's notification service to async Django and lived to write the "
     "postmortem. He maintains a benchmark suite for ASGI servers. He weighs his coffee beans "
     "to a tenth of a gram and will happily show you the scale."),
    ("Leila Ahmadi", "she/her", "Data scientist", "University of Eastport",
     "Leila analyses air-quality data at the University of Eastport and has strong feelings "
     "about notebooks that only run in one order. She teaches a graduate course on research "
     "code and publishes its materials openly. Her watercolours are mostly of the hills she "
     "cycles through on Sundays."),
    ("Kai Nakamura", "they/them", "Security researcher", "",
     "Kai studies how malicious packages sneak into public registries and writes up what they "
     "find for maintainers. They have helped several projects adopt signed releases. Kai plays "
     "viola in a community orchestra and insists the viola jokes are all true."),
    ("Rosa Jiménez", "she/her", "Tech lead", "Northbank Credit Union",
     "Rosa leads a team of eight at Northbank Credit Union, where every change to the ledger "
     "gets two reviewers and a kind word. She co-wrote the company's code review guidelines "
     "and later published them under an open licence. On Sunday mornings she walks dogs for "
     "the local animal shelter."),
    ("Tobias Weber", "he/him", "Software architect", "Saltmarsh Software",
     "Tobias draws boxes and arrows for Saltmarsh Software, then makes sure the import graph "
     "agrees with them. He maintains a linter plugin that keeps Django apps within their "
     "boundaries. In his workshop he builds chairs and tables joined without a single screw."),
    ("Grace Liu", "she/her", "Computer science student", "University of Eastport",
     "Grace is in her final year of computer science at the University of Eastport and made "
     "her first Django contribution last spring. She runs the weekly hack night on campus, "
     "where the one rule is that nobody debugs alone. This is her first conference talk."),
    ("Omar Farouk", "he/him", "Backend engineer", "Tidewell Health",
     "Omar looks after the caching layer at Tidewell Health, which makes him the first "
     "suspect whenever a page looks stale. He has blogged about cache invalidation for five "
     "years. He runs a marathon every autumn and starts training, reluctantly, every June."),
    ("Ingrid Nilsen", "she/her", "CMS developer", "Copperleaf Media",
     "Ingrid builds the Wagtail editing experience that Copperleaf Media's twenty editors use "
     "every day. She contributes translations and bug reports to Wagtail and runs a small "
     "user group for content editors. In summer she sails dinghies on cold northern lakes."),
    ("David Kim", "he/him", "Founder", "Harbor & Pine",
     "David started Harbor & Pine ten years ago with one client and a spare bedroom; it now "
     "employs fourteen people. He writes openly about the company's finances, in good years "
     "and bad. He surfs enthusiastically and badly, and has the photos to prove both."),
    ("Amelia Brown", "she/her", "QA engineer", "Brightwater Labs",
     "Amelia runs the browser test suite at Brightwater Labs and has opinions about flaky "
     "tests she is glad to share. She maintains an open-source plugin for comparing "
     "screenshots. At home she plays competitive board games and ranks her friends by how "
     "gracefully they lose."),
    ("Ravi Shankar", "he/him", "Database administrator", "Lanternfish Data",
     "Ravi has tuned PostgreSQL at Lanternfish Data for nine years and reads query plans the "
     "way others read novels. He answers questions on the community mailing lists most "
     "evenings. Bonsai is the only hobby he has found that moves slower than a full vacuum."),
    ("Julia Novak", "she/her", "Developer", "Pinecone Civic Tech",
     "Julia builds the mapping features of Pinecone Civic Tech, from polling-station finders "
     "to street-tree inventories. She organizes mapping parties where volunteers survey their "
     "own streets. She hikes with paper maps on principle and has been lost only twice."),
]  # fmt: skip

# title, kind, track slug, tags, difficulty, presenter slugs, summary
TALKS = [
    ("Twenty years of shipping on Fridays", "keynote", "community", ["community", "career"],
     "all", ["kwame-asante"],
     "What two decades of small, boring releases taught one team about trust, tooling and "
     "going home on time."),
    ("Background jobs without the background anxiety", "talk", "web", ["async", "deployment"],
     "intermediate", ["amara-okafor"],
     "A tour of task queues, retries and idempotency, and how to sleep through a failed job."),
    ("Migrating a billion-row table while everyone watches", "talk", "data-ops",
     ["orm", "postgresql"], "advanced", ["tomasz-wilk", "ravi-shankar"],
     "Zero-downtime schema changes on very large tables, step by step, with the mistakes we "
     "made first."),
    ("Your first pull request to Django", "talk", "community", ["beginners", "open-source"],
     "beginner", ["grace-liu", "rowan-ellis"],
     "From finding a ticket to getting a review: the path two newcomers took, detours "
     "included."),
    ("Forms that everyone can fill in", "talk", "web", ["accessibility", "forms"], "beginner",
     ["priya-raman"],
     "Labels, errors and focus order: making Django forms work with keyboards and screen "
     "readers."),
    ("Postgres full-text search is probably enough", "talk", "data-ops",
     ["postgresql", "search"], "intermediate", ["gabriel-santos"],
     "When you can skip a search cluster, and how to rank, highlight and index results in "
     "PostgreSQL alone."),
    ("Documentation people actually read", "talk", "community", ["documentation"], "all",
     ["samuel-mensah"],
     "Tutorials, how-to guides and reference pages: writing each one for the reader who "
     "needs it."),
    ("HTML over the wire, in practice", "talk", "web", ["htmx", "frontend"], "intermediate",
     ["lucia-marquez"],
     "Interactive pages with htmx and Django templates, and knowing when to reach for "
     "JavaScript."),
    ("Observability on a shoestring", "talk", "data-ops", ["observability", "deployment"],
     "intermediate", ["noah-fischer"],
     "Logs, metrics and traces for a small team, with tools you can run yourself."),
    ("What the classroom taught the developer", "talk", "community", ["career"], "beginner",
     ["ethan-clarke"],
     "Lessons from a chemistry classroom that turned out to matter in code review, pairing "
     "and onboarding."),
    ("Sessions, cookies and the attacker next door", "talk", "web", ["security"],
     "intermediate", ["ines-carvalho"],
     "Session fixation, CSRF and cookie settings, with Django's defaults explained."),
    ("From notebook to production in one afternoon", "talk", "data-ops", ["data", "ml"],
     "intermediate", ["leila-ahmadi", "aisha-kamara"],
     "Turning a data scientist's notebook into a tested Django view without rewriting "
     "everything."),
    ("Running a meetup people come back to", "talk", "community", ["community"], "all",
     ["elena-popescu"],
     "Venues, formats, codes of conduct and the small gestures that make newcomers return."),
    ("Async views: where they help and where they hurt", "talk", "web",
     ["async", "performance"], "advanced", ["marcus-johnson"],
     "Benchmarks, pitfalls and a decision guide for async Django in real applications."),
    ("Profiling Python without guessing", "talk", "data-ops", ["performance"], "intermediate",
     ["oskar-lindqvist"],
     "Sampling profilers, flame graphs and how to read them before optimizing anything."),
    ("Design systems for teams of three", "talk", "community", ["design", "frontend"], "all",
     ["sofia-rossi"],
     "A component library that fits a small team: tokens, templates and a living style "
     "guide."),
    ("Multi-tenancy: schemas, rows or sites?", "talk", "web", ["orm", "architecture"],
     "advanced", ["adebayo-adeyemi"],
     "Three ways to serve many customers from one Django project, and what each costs "
     "later."),
    ("Caching you can reason about", "talk", "data-ops", ["performance", "caching"],
     "intermediate", ["omar-farouk"],
     "Per-view, fragment and low-level caching, invalidation strategies and how to test "
     "them."),
    ("Reviewing code with kindness and rigour", "talk", "community", ["career"], "all",
     ["rosa-jimenez"],
     "Review habits that catch bugs and keep colleagues: checklists, tone and when to pair "
     "instead."),
    ("Lightning talks: Monday", "lightning", "community", ["community"], "all", ["david-kim"],
     "Five-minute talks from anyone who signs up at the registration desk."),
    # Day two
    ("The web we want to leave behind", "keynote", "web", ["accessibility", "community"],
     "all", ["chloe-dubois"],
     "Accessibility, speed and longevity as the measures of a website worth building."),
    ("Real-time transit data with Django Channels", "talk", "web", ["async", "apis"],
     "intermediate", ["mateo-alvarez", "jonah-bergstrom"],
     "Streaming vehicle positions to thousands of riders, and keeping it running through "
     "rush hour."),
    ("Reproducible research with Django and containers", "talk", "data-ops",
     ["data", "deployment"], "intermediate", ["mei-lin-zhou"],
     "How a university lab packages its research platform so results can be rerun years "
     "later."),
    ("Translating an app into twelve languages", "talk", "community", ["i18n"],
     "intermediate", ["zainab-yusuf", "fatima-zahra-benali"],
     "Message catalogs, plural forms, right-to-left layouts and working with volunteer "
     "translators."),
    ("Designing APIs your future self will thank you for", "talk", "web", ["apis"],
     "intermediate", ["nadia-haddad"],
     "Versioning, pagination and error formats for APIs that outlive their first client."),
    ("Serving machine learning models from Django", "talk", "data-ops",
     ["ml", "performance"], "advanced", ["aisha-kamara"],
     "Loading, caching and monitoring models behind a plain Django view."),
    ("Maintaining a reusable app for ten years", "talk", "community", ["open-source"], "all",
     ["rowan-ellis"],
     "Deprecations, release notes, supported versions and saying no politely."),
    ("A tour of the ORM's query expressions", "talk", "web", ["orm"], "intermediate",
     ["tomasz-wilk"],
     "F, Q, Subquery, window functions and how to read the SQL they produce."),
    ("Builds that take seconds, not minutes", "talk", "data-ops",
     ["deployment", "containers"], "intermediate", ["yuki-tanaka"],
     "Layer caching, dependency locking and small images for Django projects."),
    ("Teaching Django to teenagers", "talk", "community", ["education", "beginners"],
     "beginner", ["fatima-zahra-benali"],
     "What a school coding club learned building its own website with Django."),
    ("Maps in minutes with GeoDjango", "talk", "web", ["gis"], "intermediate",
     ["julia-novak"],
     "Spatial fields, distance queries and tile maps for a community garden directory."),
    ("Your supply chain is bigger than you think", "talk", "data-ops", ["security"],
     "intermediate", ["kai-nakamura"],
     "Lock files, hashes, provenance and what to do when a dependency goes bad."),
    ("Bootstrapping a business on Django", "talk", "community", ["career", "business"], "all",
     ["david-kim"],
     "Ten years of running a small software company on a boring, reliable stack."),
    ("How we run Django in production", "panel", "data-ops", ["deployment", "observability"],
     "all", ["liam-obrien", "yuki-tanaka", "noah-fischer", "adebayo-adeyemi"],
     "Four teams compare their deployments, on-call rotations and the incidents that "
     "changed their minds."),
    ("Inside the template engine", "deep-dive", "web", ["templates", "performance"],
     "advanced", ["oskar-lindqvist"],
     "How Django compiles and renders templates, and where the time goes on a slow page."),
    ("Browser tests with Playwright", "workshop", "web", ["testing"], "intermediate",
     ["amelia-brown", "ethan-clarke"],
     "Write browser tests for a Django app that run in continuous integration."),
    ("Editing experiences editors enjoy", "talk", "web", ["wagtail", "cms"], "all",
     ["ingrid-nilsen"],
     "Page models, StreamField blocks and previews that make a content team's day easier."),
    ("Modular monoliths in practice", "talk", "data-ops", ["architecture"], "advanced",
     ["tobias-weber"],
     "Drawing boundaries inside one Django project before anyone says microservices."),
    ("Growing a team without losing the plot", "talk", "community", ["career", "leadership"],
     "all", ["arjun-mehta"],
     "Hiring, onboarding and keeping a shared understanding as a team doubles."),
    ("Lightning talks: Tuesday", "lightning", "community", ["community"], "all",
     ["samuel-mensah"],
     "Another round of five-minute talks, sign-ups at the registration desk."),
    # Day three
    ("Django from zero to deployed", "tutorial", "web", ["beginners", "deployment"],
     "beginner", ["diego-ferreira", "grace-liu"],
     "Build and deploy a small Django site in one morning, from startproject to a public "
     "address."),
    ("Test-driven Django", "tutorial", "web", ["testing"], "intermediate", ["amelia-brown"],
     "Write the test first for models, views and forms, and keep the suite fast."),
    ("Data pipelines with Django and PostgreSQL", "tutorial", "data-ops",
     ["data", "postgresql"], "intermediate", ["hana-kobayashi", "ravi-shankar"],
     "Load, clean and aggregate data with management commands, the ORM and a little SQL."),
    ("Sprint kickoff: your first contribution", "sprint", "community",
     ["open-source", "beginners"], "beginner", ["rowan-ellis", "elena-popescu"],
     "Set up Django's development environment and pick a first ticket with a mentor."),
    ("Accessible front ends with Django templates", "tutorial", "web",
     ["accessibility", "frontend"], "beginner", ["chloe-dubois", "priya-raman"],
     "Build a page that works with a keyboard, a screen reader and zoom, and test it."),
    ("Securing a Django project", "tutorial", "data-ops", ["security"], "intermediate",
     ["ines-carvalho"],
     "Run the deployment checks, fix what they find and add the headers they do not check."),
    ("The next twenty years", "keynote", "community", ["community"], "all", ["mei-lin-zhou"],
     "A closing look at where the community, the framework and the web might go next."),
]  # fmt: skip

# Each talk's abstract, two paragraphs: what the session covers, then what attendees leave with.
ABSTRACTS = {
    "Twenty years of shipping on Fridays": (
        "Kwame's first team released once a quarter, with a weekend of pizza and rollback "
        "plans. His current team releases several times a day, Friday afternoons included, and "
        "nobody stays late. This keynote traces the twenty years between those two habits, one "
        "small change at a time.",
        "Expect stories about feature flags, tests that earned their keep and the afternoon a "
        "database restore failed in front of a mayor. You will leave with a short list of "
        "habits that make releases dull, and an argument for why dull is the goal.",
    ),
    "Background jobs without the background anxiety": (
        "Sending email, resizing images and syncing with payment providers all belong outside "
        "the request, but moving them there brings new ways to fail. Amara follows a task from "
        "the moment it is queued to the moment someone notices it never ran.",
        "The talk covers retries with backoff, idempotency keys, dead-letter queues and the "
        "monitoring that tells you a worker has quietly stopped. Attendees leave with a "
        "checklist for reviewing any new task before it reaches production, whichever queue "
        "library they use.",
    ),
    "Migrating a billion-row table while everyone watches": (
        "Adding a column is easy until the table holds a billion rows and the product team is "
        "waiting for the feature. Tomasz and Ravi describe the six-week migration of an events "
        "table that could not be locked for more than a second.",
        "They show the sequence that finally worked: nullable columns, batched backfills, "
        "concurrent indexes and a separate deploy to tighten constraints. You will see the "
        "lock-monitoring queries they kept open throughout, and the two early attempts they "
        "had to roll back.",
    ),
    "Your first pull request to Django": (
        "Grace opened her first Django pull request last year; Rowan has reviewed hundreds. "
        "Together they follow one ticket from the issue tracker to the merge, saying what each "
        "of them was thinking at every step.",
        "The talk covers choosing a ticket that suits you, running the test suite, writing a "
        "release note and answering review without taking it personally. Newcomers leave "
        "knowing exactly what to do on the first sprint day, and reviewers get a reminder of "
        "how the path looks from the start.",
    ),
    "Forms that everyone can fill in": (
        "A patient who cannot complete a form cannot book an appointment. Priya shares what her "
        "team learned by watching people use their portal with screen readers, switch devices "
        "and magnifiers.",
        "Starting from a default Django form, the talk adds proper labels, grouped fieldsets, "
        "an error summary that receives focus and help text linked with aria-describedby. Every "
        "fix is a template change you can copy on Monday, with no JavaScript framework "
        "required.",
    ),
    "Postgres full-text search is probably enough": (
        "Many projects add a separate search service before they have a search problem. "
        "Gabriel explains how his team served a catalogue of two million products with the "
        "database they already ran.",
        "Live examples build a search view with SearchVector, weighted fields, trigram "
        "similarity for typos and highlighted snippets. We finish with the measurements that "
        "would make him change his mind, so you can tell when a project has outgrown the "
        "approach.",
    ),
    "Documentation people actually read": (
        "Most documentation struggles because it mixes a tutorial, a reference and an "
        "explanation on the same page. Samuel shows how his team rewrote their docs around what "
        "readers were trying to do when they arrived.",
        "Using before-and-after pages from a real project, the talk covers writing a first "
        "tutorial, keeping reference pages accurate with doctests, and finding out whether "
        "anyone reached the end. You will leave with a template for each kind of page and a way "
        "to decide which one a new topic needs.",
    ),
    "HTML over the wire, in practice": (
        "Copperleaf Media rebuilt its comment threads, live polls and article filters with "
        "server-rendered fragments instead of a single-page app. Lucía reports on a year of "
        "running that choice in production.",
        "The talk walks through partial templates, swapping fragments with htmx, showing "
        "validation errors and keeping the back button working. It also names the two features "
        "where the team went back to JavaScript, and why that was the right call.",
    ),
    "Observability on a shoestring": (
        "A team of four cannot afford an enterprise monitoring contract, yet still needs to "
        "know why checkout was slow on Tuesday. Noah describes the self-hosted stack Kestrel "
        "Robotics runs on one small server.",
        "You will see structured logging from Django, the handful of metrics that matter, and "
        "traces that follow one request through the database and the cache. The session ends "
        "with the alert rules that woke the team for real problems and stopped waking them for "
        "everything else.",
    ),
    "What the classroom taught the developer": (
        "For eight years Ethan explained titrations to teenagers who would rather have been "
        "anywhere else. When he became a developer, he found that the same skills applied to "
        "explaining code.",
        "This talk connects lesson planning to pull request descriptions, marking homework to "
        "code review, and parents' evenings to talking with stakeholders. It is aimed at career "
        "changers wondering what they bring with them, and at teams that want to welcome them "
        "well.",
    ),
    "Sessions, cookies and the attacker next door": (
        "Logins look like a solved problem, yet session bugs still cause a surprising share of "
        "the incidents Inês investigates. This talk starts from a café network and an attacker "
        "with patience.",
        "We go through session fixation, cross-site request forgery, cookie flags and the "
        "Django settings for each, including the ones that are off by default. Attendees get a "
        "short audit they can run against their own project in under an hour.",
    ),
    "From notebook to production in one afternoon": (
        "Leila wrote the analysis in a notebook; Aisha had to serve it to thousands of users. "
        "This is the story of the afternoon they spent turning one into the other, told from "
        "both sides of the desk.",
        "They extract functions from cells, add tests around the surprising parts, wrap the "
        "result in a Django view and put a cache in front of the slow step. Data scientists "
        "learn what engineers need from them, and engineers learn which notebook habits are "
        "worth keeping.",
    ),
    "Running a meetup people come back to": (
        "Starting a meetup takes an evening; keeping one alive takes years. Elena has run hers "
        "for six, through venue closures, a pandemic and a month when only the organizers came.",
        "She covers finding free venues, formats that give newcomers a reason to speak, writing "
        "and enforcing a code of conduct, and recruiting co-organizers before you burn out. "
        "Everyone leaves with a one-page plan for their next three events.",
    ),
    "Async views: where they help and where they hurt": (
        "Async views promise more concurrency, but a single synchronous database call can erase "
        "the gain. Marcus moved a notification service to async Django and measured every "
        "step.",
        "He shares benchmarks of sync and async views under realistic load, explains "
        "thread-sensitive code and sync_to_async, and shows the bugs that appeared only under "
        "production traffic. The session closes with a decision guide for any view you are "
        "tempted to convert.",
    ),
    "Profiling Python without guessing": (
        "Developers are famously bad at guessing where their code is slow, and Oskar has the "
        "commit history to prove he is no exception. This talk replaces intuition with "
        "measurement.",
        "We compare deterministic and sampling profilers, read flame graphs taken from a real "
        "robotics service, and profile a Django request end to end. You will leave able to find "
        "the hot path of your own code before changing a single line.",
    ),
    "Design systems for teams of three": (
        "Large companies publish design systems with dozens of contributors and a dedicated "
        "team. Sofia's team has three people and a deadline every week, so they built "
        "something smaller.",
        "The talk shows their design tokens as CSS custom properties, Django template "
        "components with clear arguments, and a style-guide page rendered from the real "
        "templates. You will see how they keep it current without a separate project to "
        "maintain.",
    ),
    "Multi-tenancy: schemas, rows or sites?": (
        "Serving forty clinics from one codebase forced Adebayo's team to choose how each "
        "customer's data would be kept apart. They tried separate schemas first, then moved to "
        "shared tables with a tenant column.",
        "This talk compares PostgreSQL schemas, row-level tenancy and Django's sites framework "
        "on migrations, backups, query safety and cost. Each approach comes with the failure it "
        "is most prone to and the tests that catch it.",
    ),
    "Caching you can reason about": (
        "A cache that makes pages fast but sometimes stale erodes trust faster than a slow "
        "page. Omar has been blamed for both, and this talk is about avoiding the trade.",
        "We work through per-view caching, template fragment caching and the low-level cache "
        "API, then design invalidation for each with signals and versioned keys. Attendees "
        "leave with patterns for testing cached behaviour, so staleness shows up in the suite "
        "instead of in support tickets.",
    ),
    "Reviewing code with kindness and rigour": (
        "Code review is where a team's standards and its relationships meet, and a careless "
        "comment can damage both. Rosa has shaped review culture on a team that handles "
        "people's savings.",
        "She shares the checklist her team uses, phrasing that turns demands into questions, "
        "and the signals that a change needs a conversation rather than another round of "
        "comments. You will leave with concrete wording and a plan for introducing it without "
        "a big announcement.",
    ),
    "Lightning talks: Monday": (
        "Five minutes is enough to share a tool you love, a bug that haunted you or a project "
        "that needs help. David hosts the first session and keeps time with a friendly but "
        "firm bell.",
        "Sign-up sheets wait at the registration desk until Monday lunch, and first-time "
        "speakers get priority. Slides are optional; enthusiasm is not.",
    ),
    "The web we want to leave behind": (
        "Much of what we build today will still be online in ten years, used on devices we "
        "cannot imagine by people we will never meet. Chloé asks what it would mean to build "
        "for them.",
        "Drawing on years of testing learning platforms with disabled students, she argues that "
        "accessibility, performance and simplicity are one goal rather than three. Expect "
        "examples, a little history of the web and a challenge for every team in the room.",
    ),
    "Real-time transit data with Django Channels": (
        "Every thirty seconds, hundreds of buses report their positions, and thousands of "
        "riders want to see them at once. Mateo and Jonah built the service that streams those "
        "updates to phones and station displays.",
        "They cover the Channels consumers, the Redis layer between them, backpressure when a "
        "feed floods, and the deployment that survived the evening rush. The talk ends with "
        "what they would change if they started again tomorrow.",
    ),
    "Reproducible research with Django and containers": (
        "A result that cannot be reproduced is only an anecdote, yet most research code stops "
        "running within two years. Mei-Lin's lab set out to make every published analysis "
        "rerunnable.",
        "The talk tours their platform: a Django catalogue of datasets and runs, pinned "
        "container images, and provenance records linking each figure to its code. Researchers "
        "and engineers alike take away practices they can adopt without a platform team.",
    ),
    "Translating an app into twelve languages": (
        "Zainab and Fatima Zahra have translated civic and educational apps into twelve "
        "languages, Arabic and Urdu among them. Along the way they met every pitfall Django's "
        "translation docs describe, and a few they do not.",
        "They cover marking strings with context, plural rules, dates and numbers per locale, "
        "right-to-left layouts with logical CSS properties, and a workflow for volunteer "
        "translators. Attendees get a checklist for preparing an app before the first "
        "translator arrives.",
    ),
    "Designing APIs your future self will thank you for": (
        "The first client of an API is usually the team that wrote it, which makes every "
        "shortcut feel harmless. Nadia has maintained public payment APIs long enough to pay "
        "for her own early shortcuts.",
        "This talk covers versioning, cursor pagination, consistent error bodies, idempotent "
        "writes and retiring fields without breaking integrations. Each recommendation comes "
        "with an example from an API that got it wrong first.",
    ),
    "Serving machine learning models from Django": (
        "A trained model in a file is not yet a feature. Aisha explains how Orchard Analytics "
        "serves crop-yield predictions from ordinary Django views, without a separate "
        "inference platform.",
        "We look at loading models once per worker, caching predictions, tracking model "
        "versions in the database and watching for drift after launch. You will leave knowing "
        "when this simple setup is enough and which signals say it is time to move on.",
    ),
    "Maintaining a reusable app for ten years": (
        "Rowan's oldest package has supported nine Django versions and outlived three of its "
        "original co-maintainers. Keeping it alive has been less about code than about "
        "decisions.",
        "The talk covers deprecation policies, testing across version matrices, release notes "
        "people read, feature requests you will never build, and finding new maintainers "
        "before you need them. Maintainers of projects of any size will recognise themselves, "
        "for better or worse.",
    ),
    "A tour of the ORM's query expressions": (
        "Beyond filter and exclude lies a set of expressions that let the database do the work "
        "your Python loops do today. Tomasz leads a tour of them through a dataset of train "
        "journeys.",
        "We build queries with F objects, conditional aggregation, subqueries, and window "
        "functions for running totals and rankings, printing the generated SQL each time. "
        "Attendees leave able to read that SQL with confidence and to replace at least one "
        "slow loop in their own code.",
    ),
    "Builds that take seconds, not minutes": (
        "When a container build takes twelve minutes, developers stop running it and start "
        "guessing. Yuki cut Saltmarsh Software's builds to under a minute without touching the "
        "application.",
        "She shows how to order Dockerfile layers, cache dependency installation, lock "
        "dependencies with hashes and keep images small with multi-stage builds. Every change "
        "is timed on screen, so you can see which ones matter and which are folklore.",
    ),
    "Teaching Django to teenagers": (
        "A library coding club asked whether fourteen-year-olds could build their own website "
        "with Django. Fatima Zahra said yes before checking, then spent a school year finding "
        "out.",
        "The talk shares the lesson plan, the parts of Django that confused students and the "
        "ones that delighted them, and the projects they shipped by June. Educators and "
        "mentors leave with materials to reuse, and framework developers with feedback from a "
        "very honest audience.",
    ),
    "Maps in minutes with GeoDjango": (
        "The community gardens of Eastport wanted one map showing every plot, tap and compost "
        "bin. Julia built it with GeoDjango over a few weekends, and this talk rebuilds it "
        "live.",
        "You will see spatial fields, shapefile imports, distance and containment queries, and "
        "tiles served to a lightweight map library. The session also covers the PostGIS setup "
        "that tripped her up, so that it does not trip you.",
    ),
    "Your supply chain is bigger than you think": (
        "A typical Django project installs dozens of packages, each with dependencies of its "
        "own, and any of them can change without notice. Kai studies what happens when one of "
        "them turns hostile.",
        "The talk explains typosquatting, account takeovers and compromised releases through "
        "anonymised cases, then shows the defences: hash-locked requirements, provenance checks "
        "and a review step for new dependencies. You will leave with an incident plan for the "
        "day a dependency is pulled.",
    ),
    "Bootstrapping a business on Django": (
        "David built a profitable software company without investors, on a framework some "
        "people call boring. He thinks that is the point.",
        "He shares revenue figures, hiring decisions, and the technical choices that kept "
        "hosting cheap and upgrades painless for a decade. Aspiring founders and freelancers "
        "leave with a realistic picture of the first five years.",
    ),
    "How we run Django in production": (
        "Four engineers from four organizations, from a two-person consultancy to a transit "
        "authority, describe how their Django projects reach production and stay there.",
        "The panel compares hosting, deployment pipelines, database backups and on-call "
        "rotations, then each panelist recounts the incident that changed their setup most. "
        "Bring questions: the moderator keeps half the hour for the audience.",
    ),
    "Inside the template engine": (
        "Django's template language looks simple from outside, but a lot happens between "
        "loading a file and sending HTML. Oskar opens the engine and follows one template "
        "through it.",
        "We trace the lexer, the parser and the node tree, look at how context lookups "
        "resolve, and profile a slow page to find the tags and filters that cost the most. "
        "Attendees leave knowing how to write faster templates and custom tags that behave "
        "well.",
    ),
    "Browser tests with Playwright": (
        "Unit tests cannot tell you that a button is hidden behind a cookie banner. In this "
        "workshop Amelia and Ethan help you write browser tests for a small Django app, "
        "against a real browser.",
        "Exercises cover starting a live server, finding elements the way users do, waiting "
        "without sleeps, testing keyboard navigation and running the suite headless in "
        "continuous integration. Bring a laptop with Python installed; setup steps arrive by "
        "email a week ahead.",
    ),
    "Editing experiences editors enjoy": (
        "Developers often judge a CMS by its code, while editors judge it by the twenty "
        "minutes it takes to publish one article. Ingrid spent a year sitting next to editors "
        "to learn what slowed them down.",
        "The talk shows page models with fewer, clearer fields, StreamField blocks designed "
        "around real content, useful previews and validation messages that explain the fix. "
        "You will leave with a list of small changes that make editors noticeably happier.",
    ),
    "Modular monoliths in practice": (
        "Before splitting a project into services, most teams would gain from splitting it "
        "into modules that respect each other's boundaries. Tobias has done both and "
        "recommends starting here.",
        "He shows how to draw boundaries between Django apps, enforce the direction of imports "
        "in continuous integration, share data through explicit interfaces and keep "
        "migrations apart. The talk ends with the signs that a module really should become its "
        "own service.",
    ),
    "Growing a team without losing the plot": (
        "Doubling a team doubles the conversations needed to keep everyone aligned, and many "
        "teams quietly stop having them. Arjun grew his department tenfold and kept the weekly "
        "demo day alive throughout.",
        "He covers structured hiring, onboarding plans that start before the first day, "
        "writing decisions down and knowing when to split a team. New managers and senior "
        "engineers leave with practices they can try the following week.",
    ),
    "Lightning talks: Tuesday": (
        "The second round of lightning talks brings another batch of five-minute ideas, demos "
        "and confessions. Samuel hosts, armed with a timer and an encouraging smile.",
        "Put your name down at the registration desk by Tuesday lunchtime: anyone with a badge "
        "can speak, and nobody needs slides. Past rounds have included a live-coded game, a "
        "poem about migrations and a recruitment pitch for a choir.",
    ),
    "Django from zero to deployed": (
        "This morning tutorial starts with an empty folder and ends with a small Django site "
        "online at a public address. Diego and Grace walk through every step and help anyone "
        "who gets stuck.",
        "You will create a project, model some data, use the admin, write templates, add a "
        "test and deploy to a host with a free tier. Bring a laptop with Python 3.12 or newer; "
        "registered attendees receive the setup instructions a week before the conference.",
    ),
    "Test-driven Django": (
        "Writing the test first feels slow for about a day, then starts saving time. In this "
        "tutorial Amelia builds a small booking app entirely test first, and you build it "
        "alongside her.",
        "Exercises cover model tests, views with the test client, form validation, factories "
        "for test data and keeping a growing suite under a minute. Everyone leaves with a "
        "working project and testing patterns to take back to their team.",
    ),
    "Data pipelines with Django and PostgreSQL": (
        "Plenty of data pipelines need neither a scheduler cluster nor a new language, only "
        "management commands and a well-tuned database. Hana and Ravi show how far that "
        "combination goes.",
        "Hands-on exercises load a messy public-transport dataset, clean it with the ORM, "
        "aggregate it with window functions and materialized views, and schedule the job. "
        "Bring a laptop with PostgreSQL installed, or use the containers provided on the day.",
    ),
    "Sprint kickoff: your first contribution": (
        "The sprint begins here, with a short introduction to how open-source projects accept "
        "contributions and help getting Django's development environment running on your "
        "machine.",
        "Rowan and Elena pair each newcomer with a mentor and a suitable first ticket, from "
        "documentation fixes to small bugs. By the end of the session you will have the test "
        "suite passing and know what to work on for the rest of the afternoon.",
    ),
    "Accessible front ends with Django templates": (
        "In this tutorial you take a deliberately inaccessible page and repair it, one barrier "
        "at a time. Chloé and Priya bring screen readers, magnifiers and a lot of patience.",
        "Exercises cover semantic structure, landmarks, focus management, colour contrast, "
        "accessible forms and automated checks with axe. You leave with a fixed page, a "
        "testing routine and the confidence to use a screen reader on your own work.",
    ),
    "Securing a Django project": (
        "Django blocks many attacks by default, but a project still needs deliberate choices "
        "before it goes live. In this tutorial Inês hardens a sample project together with the "
        "room.",
        "We run the deployment checklist, configure HTTPS and secure cookies, add a content "
        "security policy, rate-limit logins and review dependencies for known vulnerabilities. "
        "Each participant leaves with a hardened copy of the project and notes for repeating "
        "the process at work.",
    ),
    "The next twenty years": (
        "The conference ends where it began, looking at time, but forward this time. Mei-Lin "
        "asks what the framework, the community and the web might look like when today's "
        "newcomers are the core developers.",
        "Drawing on the history of research software and long-lived open-source projects, the "
        "keynote considers funding, governance and the knowledge we risk losing. It closes "
        "with a few small commitments everyone can make before the next edition.",
    ),
}

C, D, L = "cardinal-hall", "dogwood-room", "longleaf-room"
# (day index, start, end, room slug) for each entry of TALKS, in the same order.
SLOTS_DAY = [
    ("09:00", "09:45", [C]),
    ("10:00", "10:40", [C, D, L]),
    ("11:00", "11:40", [C, D, L]),
    ("11:50", "12:30", [C, D, L]),
    ("13:30", "14:10", [C, D, L]),
    ("14:20", "15:00", [C, D, L]),
    ("15:30", "16:10", [C, D, L]),
    ("16:20", "17:00", [C]),
]
SLOTS_DAY_TWO = [
    ("09:00", "09:45", [C]),
    ("10:00", "10:40", [C, D, L]),
    ("11:00", "11:40", [C, D, L]),
    ("11:50", "12:30", [C, D, L]),
    ("13:30", "14:10", [C, D, L]),
    ("14:20", "15:20", [C, D, L]),
    ("15:40", "16:20", [C, D, L]),
    ("16:30", "17:15", [C]),
]
SLOTS_DAY_THREE = [
    ("09:00", "12:00", [C, D, L]),
    ("13:00", "13:45", [C]),
    ("13:00", "16:00", [D, L]),
    ("16:15", "17:00", [C]),
]


def slot_list():
    slots = []
    for day, day_slots in enumerate([SLOTS_DAY, SLOTS_DAY_TWO, SLOTS_DAY_THREE]):
        for start, end, rooms in day_slots:
            slots.extend((day, start, end, room) for room in rooms)
    return slots


# kind, title, day index, start, end, room slug or None, link
SCHEDULE_ITEMS = [
    ("registration", "Registration and breakfast", 0, "08:00", "09:00", None, ""),
    ("break", "Coffee break", 0, "10:40", "11:00", None, ""),
    ("meal", "Lunch", 0, "12:30", "13:30", None, ""),
    ("break", "Afternoon break", 0, "15:00", "15:30", None, ""),
    ("social", "Opening reception", 0, "18:30", "21:00", None, ""),
    ("meal", "Breakfast", 1, "08:00", "09:00", None, ""),
    ("break", "Coffee break", 1, "10:40", "11:00", None, ""),
    ("meal", "Lunch", 1, "12:30", "13:30", None, ""),
    ("break", "Afternoon break", 1, "15:20", "15:40", None, ""),
    ("social", "Board game night", 1, "19:00", "22:00", D, ""),
    ("meal", "Breakfast", 2, "08:00", "09:00", None, ""),
    ("meal", "Lunch", 2, "12:00", "13:00", None, ""),
    ("sprint", "Open sprint room", 2, "13:45", "16:00", C, ""),
]


def paragraph(html):
    return {"type": "paragraph", "value": html}


def presenter_slug(name):
    return slugify(name)


def at(conference, day, hhmm):
    first = conference.start_date or datetime.date(2027, 9, 20)
    hour, minute = (int(part) for part in hhmm.split(":"))
    date = first + datetime.timedelta(days=day)
    return datetime.datetime(
        date.year, date.month, date.day, hour, minute, tzinfo=conference.tzinfo
    )


def child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_rooms_and_tracks(site):
    """The edition's own rooms and tracks, where it has none of that slug."""
    rooms = {}
    for name, slug, order, capacity in ROOMS:
        rooms[slug], _ = Room.objects.get_or_create(
            site=site,
            slug=slug,
            defaults={"name": name, "sort_order": order, "capacity": capacity},
        )
    tracks = {}
    for name, slug, colour, order in TRACKS:
        tracks[slug], _ = Track.objects.get_or_create(
            site=site, slug=slug, defaults={"name": name, "colour": colour, "sort_order": order}
        )
    return rooms, tracks


# Colours a portrait picks from: walls behind the sitter, clothes, and hair.
BACKDROPS = [
    (214, 228, 240), (238, 226, 205), (204, 226, 214), (232, 212, 222), (60, 72, 96),
    (245, 238, 224), (186, 208, 226), (90, 110, 92), (250, 220, 190), (120, 98, 140),
]  # fmt: skip
CLOTHES = [
    (31, 76, 140), (170, 46, 52), (46, 112, 82), (236, 180, 50), (60, 60, 66),
    (120, 70, 150), (230, 120, 60), (240, 240, 236), (30, 130, 150), (150, 110, 80),
]  # fmt: skip
HAIR = [
    (24, 20, 18), (58, 38, 26), (100, 66, 40), (150, 72, 36), (214, 176, 110),
    (170, 168, 164), (40, 120, 130), (110, 50, 110),
]  # fmt: skip
HAIR_STYLES = ["short", "long", "bun", "curly", "bob", "shaved", "side-part"]


def draw_backdrop(draw, rng, size):
    """The wall behind the sitter: plain, a window, soft bokeh, bookshelves or a stripe."""
    wall = rng.choice(BACKDROPS)
    accent = tuple(max(0, min(255, channel + rng.choice((-40, -25, 25, 40)))) for channel in wall)
    draw.rectangle((0, 0, size, size), fill=wall)
    style = rng.choice(["plain", "window", "bokeh", "shelves", "stripe"])
    if style == "window":
        left = rng.choice((20, 230))
        draw.rectangle((left, 40, left + 150, 240), fill=(236, 244, 250), outline=accent, width=10)
        draw.line((left + 75, 40, left + 75, 240), fill=accent, width=8)
        draw.line((left, 140, left + 150, 140), fill=accent, width=8)
    elif style == "bokeh":
        for _ in range(9):
            x, y, radius = rng.randrange(size), rng.randrange(260), rng.randrange(14, 40)
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=accent)
    elif style == "shelves":
        for shelf in (90, 190):
            draw.rectangle((0, shelf, size, shelf + 8), fill=accent)
            x = rng.randrange(0, 30)
            while x < size:
                width, height = rng.randrange(12, 26), rng.randrange(40, 80)
                draw.rectangle((x, shelf - height, x + width, shelf), fill=rng.choice(CLOTHES))
                x += width + rng.randrange(2, 10)
    elif style == "stripe":
        draw.rectangle((0, 220, size, 300), fill=accent)


def draw_clothes(draw, rng, skin):
    """Shoulders and neckline: a t-shirt, a collared shirt, a hoodie or a striped jumper."""
    cloth = rng.choice(CLOTHES)
    draw.rectangle((178, 228, 222, 290), fill=skin)  # neck
    draw.ellipse((60, 262, 340, 560), fill=cloth)
    style = rng.choice(["tshirt", "collar", "hoodie", "stripes"])
    if style == "tshirt":
        draw.chord((170, 250, 230, 300), 0, 180, fill=skin)
    elif style == "collar":
        draw.polygon([(160, 272), (200, 300), (186, 322)], fill=(248, 248, 244))
        draw.polygon([(240, 272), (200, 300), (214, 322)], fill=(248, 248, 244))
    elif style == "hoodie":
        hood = tuple(max(0, channel - 30) for channel in cloth)
        draw.arc((140, 236, 260, 320), 0, 180, fill=hood, width=16)
        draw.line((188, 300, 184, 350), fill=(240, 240, 240), width=4)
        draw.line((212, 300, 216, 350), fill=(240, 240, 240), width=4)
    else:
        band = rng.choice([c for c in CLOTHES if c != cloth])
        for top in (320, 356, 392):
            draw.rectangle((60, top, 340, top + 14), fill=band)
        draw.chord((172, 252, 228, 296), 0, 180, fill=skin)


def draw_hair_behind(draw, style, hair):
    if style == "long":
        draw.rounded_rectangle((122, 100, 278, 330), radius=60, fill=hair)
    elif style == "bob":
        draw.rounded_rectangle((126, 96, 274, 250), radius=50, fill=hair)


def draw_hair_front(draw, rng, style, hair):
    if style in ("short", "long", "bob"):
        draw.chord((132, 78, 268, 200), 180, 360, fill=hair)
    elif style == "side-part":
        draw.chord((132, 78, 268, 200), 180, 360, fill=hair)
        draw.polygon([(140, 140), (230, 96), (262, 150)], fill=hair)
    elif style == "bun":
        draw.chord((134, 82, 266, 200), 180, 360, fill=hair)
        draw.ellipse((168, 36, 232, 100), fill=hair)
    elif style == "curly":
        for angle in range(0, 181, 20):
            x = 200 + int(70 * math.cos(math.radians(180 + angle)))
            y = 150 + int(62 * math.sin(math.radians(180 + angle)))
            radius = rng.randrange(24, 32)
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=hair)
    else:  # shaved: a shadow of hair
        draw.arc((136, 86, 264, 210), 200, 340, fill=hair, width=8)


def draw_face(draw, rng, skin, hair):
    draw.ellipse((136, 96, 264, 250), fill=skin)
    ink = (40, 32, 30)
    for x in (176, 224):
        draw.ellipse((x - 7, 162, x + 7, 176), fill=ink)
    draw.arc((176, 188, 224, 222), 20, 160, fill=ink, width=4)  # smile
    if rng.random() < 0.35:  # glasses
        frame = rng.choice([(30, 30, 30), (150, 40, 40), (40, 80, 150), (190, 150, 60)])
        for x in (176, 224):
            draw.ellipse((x - 22, 150, x + 22, 190), outline=frame, width=5)
        draw.line((198, 168, 202, 168), fill=frame, width=5)
    if rng.random() < 0.2:  # beard
        draw.chord((140, 150, 260, 256), 20, 160, fill=hair)
        draw.arc((182, 198, 218, 220), 20, 160, fill=skin, width=5)


def portrait(name):
    """A drawn head-and-shoulders portrait, its wall, clothes, hair and glasses chosen from the
    name, so each presenter looks different and every run draws the same picture."""
    rng = random.Random(hashlib.sha256(name.encode()).digest())  # noqa: S311 (not security)
    size = 400
    image = PillowImage.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    draw_backdrop(draw, rng, size)
    skin, hair = rng.choice(SKIN_TONES), rng.choice(HAIR)
    style = rng.choice(HAIR_STYLES)
    draw_hair_behind(draw, style, hair)
    draw_clothes(draw, rng, skin)
    draw_face(draw, rng, skin, hair)
    draw_hair_front(draw, rng, style, hair)
    return png(image)


def build_photo(name):
    slug = presenter_slug(name)
    return get_image_model().objects.create(
        title=f"{name}, drawn portrait",
        description=f"Drawing of {name}",
        file=ImageFile(portrait(name), name=f"presenter-{slug}.png"),
    )


def bio(text):
    return [paragraph(f"<p>{escape(text)}</p>")]


def build_presenters(home):
    index = child(home, PresenterIndexPage, "presenters")
    if index is None:
        index = publish(
            home,
            PresenterIndexPage(
                title="Presenters",
                slug="presenters",
                intro="The people who give this year's talks, tutorials and keynotes.",
            ),
        )
    presenters = {}
    for number, (name, pronouns, role, company, text) in enumerate(PRESENTERS):
        slug = presenter_slug(name)
        page = child(index, PresenterPage, slug)
        if page is None:
            handle = slug.replace("-", "")
            page = publish(
                index,
                PresenterPage(
                    title=name,
                    slug=slug,
                    pronouns=pronouns,
                    role=role,
                    company=company,
                    photo=build_photo(name),
                    bio=bio(text),
                    website_url=f"https://{slug}.example/" if number % 2 == 0 else "",
                    mastodon_url=f"https://social.example/@{handle}" if number % 3 == 0 else "",
                    bluesky_url=(
                        f"https://bsky.app/profile/{handle}.example" if number % 4 == 1 else ""
                    ),
                ),
            )
        presenters[slug] = page
    return index, presenters


def build_talks(program, conference, rooms, tracks, presenters):
    for (title, kind, track, tags, difficulty, people, summary), (day, start, end, room) in zip(
        TALKS, slot_list(), strict=True
    ):
        slug = slugify(title)
        if child(program, TalkPage, slug):
            continue
        talk = TalkPage(
            title=title,
            slug=slug,
            kind=kind,
            track=tracks[track],
            room=rooms[room],
            difficulty=difficulty,
            start=at(conference, day, start),
            end=at(conference, day, end),
            summary=summary,
            abstract=[paragraph(f"<p>{escape(text)}</p>") for text in ABSTRACTS[title]],
            talk_presenters=[
                TalkPresenter(presenter=presenters[person], sort_order=order)
                for order, person in enumerate(people)
            ],
        )
        talk.tags.add(*tags)
        publish(program, talk)


def build_program_page(home, conference, rooms):
    program = child(home, ProgramPage, "schedule")
    if program:
        return program, False
    program = ProgramPage(
        title="Schedule",
        slug="schedule",
        intro="Three days of talks, tutorials and sprints. Select a session for the details.",
        schedule_items=[
            ScheduleItem(
                kind=ItemKind(kind),
                title=title,
                start=at(conference, day, start),
                end=at(conference, day, end),
                room=rooms[room] if room else None,
                link=link,
                sort_order=order,
            )
            for order, (kind, title, day, start, end, room, link) in enumerate(SCHEDULE_ITEMS)
        ],
    )
    return publish(home, program), True


def build_program(home):
    """Create the demo program under `home` where it is missing. Returns the program page."""
    site = home.get_site()
    conference = ConferenceSettings.for_site(site)
    rooms, tracks = build_rooms_and_tracks(site)
    program, _ = build_program_page(home, conference, rooms)
    _, presenters = build_presenters(home)
    build_talks(program, conference, rooms, tracks, presenters)
    return program
