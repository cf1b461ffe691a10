"""Deterministic generator of the bundled sample: the fictional « Préfecture de la Sylve ».

Writes, under ``raw_dir/<year>/``, raw exports shaped like a préfecture's own (mixed encodings,
separators, date formats and spellings, extra columns with personal data) and the meeting file;
at the root, ``anomalies_attendues.csv`` (rows planted on purpose, which the pipeline must set
aside in quarantine) and a README. Same seed, same bytes: one random generator per source and year.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path

import holidays
import numpy as np
import openpyxl
import pandas as pd
import yaml

from pipeline.core.paths import ROOT
from pipeline.tooling.large_workbook import write_large_workbook


def _table(text: str) -> list[tuple[str, ...]]:
    """Rows of a "|"-separated text table; a line ending with "|" or ";" goes on with the next.

    A field holding only "-" is empty.
    """
    text = re.sub(r"([|;])\s*\n\s*", r"\1 ", text.strip())
    rows = [[field.strip() for field in line.split("|")] for line in text.splitlines()]
    return [tuple("" if field == "-" else field for field in row) for row in rows]


# fmt: off
STAMP = dt.datetime(2023, 1, 5)
HOLIDAYS = np.array(sorted(holidays.France(years=range(2015, 2036))), dtype="datetime64[D]")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
LEVELS = ["Très satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"]

# Survey: canonical column -> header of the export; for questions, the offset of the satisfied
# share from the year's level and the share of "Non concerné".
SURVEY_HEADERS = {
    "response_id": "N°", "answered_on": "Date", "mode": "Support", "site": "Site",
    "user_type": "Vous êtes", "age_band": "Votre âge", "area": "Vous venez de",
    "procedures": "Quelle(s) démarche(s) ?", "visit_reason": "Motif de votre venue",
    "used_pan": "Êtes-vous passé(e) au point numérique ?"}
QUESTIONS = {  # column: (header, offset, not concerned)
    "q_courtesy": ("Courtoisie des agents", 0.07, 0.01),
    "q_availability": ("Disponibilité des agents", 0.02, 0.01),
    "q_plain_language": ("Langage compréhensible", 0.05, 0.01),
    "q_orientation": ("Orientation / signalétique", -0.04, 0.02),
    "q_disability": ("Prise en compte du handicap", 0.0, 0.82),
    "q_comfort": ("Confort des espaces d'accueil", -0.07, 0.01),
    "q_confidentiality": ("Confidentialité", -0.02, 0.03),
    "q_waiting_time": ("Délai d'attente", -0.10, 0.02),
    "q_appointment_delay": ("Délai d'obtention du RDV", -0.32, 0.15),
    "q_phone": ("Accueil téléphonique", -0.12, 0.30),
    "q_website": ("Site internet", -0.05, 0.20),
    "q_pan": ("Point numérique", 0.04, 0.0)}
PROCEDURE_DONE_SINCE, PROCEDURE_DONE_HEADER = 2021, "Démarche réalisée ?"
USER_TYPES = {"particulier": 88, "professionnel": 5, "association": 2, "élu": 2, "autre": 3}
AGE_BANDS = {"moins de 25 ans": 12, "25 à 39 ans": 36, "40 à 55 ans": 30, "plus de 55 ans": 22}
AREAS = {"Sylve-la-Ville": 35, "Arrondissement de Sylve-la-Ville": 20,
         "Arrondissement de Valmont": 20, "Arrondissement de Roche-sur-Sylve": 15,
         "Hors département": 10}
PROCEDURES = {"titre de séjour": 45, "CNI / passeport": 25, "permis de conduire": 15,
              "certificat d'immatriculation": 10, "autre": 5}
VISIT_REASONS = {"rendez-vous": 40, "dépôt de dossier": 15, "retrait de titre": 15,
                 "renseignement": 12, "point numérique": 13, "autre": 5}
SITES = {"Préfecture (Sylve-la-Ville)": 80, "Sous-préfecture de Valmont": 20}
# Survey remarks: each speaks of one criterion (q_overall: of the visit as a whole), as praise or
# as criticism. A respondent who writes picks a criterion they answered and writes praise if
# satisfied with it, criticism if not (see _remarks). The criticisms hold a word the themes'
# dictionary reads as criticism (« trop », « pas »…), the praises none.
REMARKS = {column: tuple([text.strip() for text in texts.split(";")] for texts in (good, bad))
           for column, good, bad in _table("""
    q_courtesy | Accueil très agréable, merci.; Agents souriants et aimables. |
        Agent peu aimable au guichet.
    q_availability | Personnel compétent et patient.; Agents disponibles et à l'écoute. |
        Pas assez d'agents au guichet, personnel débordé.
    q_plain_language | Explications claires, tout était compréhensible. |
        Explications difficiles à comprendre.; Proposer des explications en anglais.
    q_orientation | Bien orienté dès l'entrée, panneaux clairs. |
        La signalétique n'est pas claire.; Affichage trop dense, difficile à lire.
    q_comfort | Locaux propres et agréables. | Il fait trop froid dans le hall.;
        Pas assez de places assises.; Pas assez de points d'écriture.
    q_waiting_time | Attente courte, démarche rapide. | Trop d'attente debout, file interminable.
    q_appointment_delay | Rendez-vous respecté à l'heure, rien à redire.;
        Créneau de rendez-vous trouvé facilement. |
        Impossible d'obtenir un rendez-vous, aucun créneau libre.;
        Les délais de rendez-vous pour les étrangers sont trop longs.;
        Il faudrait un guichet sans rendez-vous.
    q_phone | Accueil téléphonique efficace. |
        Le téléphone ne répond jamais.; Impossible de joindre le standard.
    q_website | Site internet clair et à jour. | Le site internet n'est pas à jour.
    q_pan | Très bon accompagnement au point numérique. |
        Pas assez de médiateurs au point numérique.
    q_overall | Merci pour votre professionnalisme. | Démarches trop compliquées.
""")}
NO_ANSWER_REMARK = "Rien à signaler."  # a respondent who answered none of those criteria
# The overall marks the catalogue counts as satisfied; the levels as satisfied / dissatisfied.
SATISFIED_MARK, SATISFIED_LEVELS = 6, {"très satisfait", "satisfait"}
DISSATISFIED_LEVELS = {"peu satisfait", "pas satisfait"}
# The former remarks, drawn by the overall mark alone: their draw is kept (see _survey).
FORMER_GOOD_REMARKS, FORMER_BAD_REMARKS = 8, 12
FIRST_NAMES = ["Jean", "Marie", "Pierre", "Sophie", "Nicolas", "Isabelle", "Karim", "Fatima",
               "Thomas", "Julie", "Ahmed", "Camille", "Luc", "Nathalie", "Mamadou", "Élodie"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Garnier",
              "Roux", "Fournier", "Girard", "Mercier", "Benali", "Diallo", "Nguyen", "Petit"]

# Mail register: the export's headers (with two unmapped columns of personal data), then the
# services with their share of users' requests and their usual subjects.
MAIL_HEADERS = {
    "request_id": "N° enregistrement", "received_on": "Date réception",
    "requester_name": "Nom du demandeur", "requester_email": "Courriel du demandeur",
    "channel": "Canal", "service": "Service", "requester": "Type demandeur",
    "request_kind": "Nature demande", "holding_reply_on": "Date réponse d'attente",
    "answered_on": "Date réponse", "appointment_on": "Date RDV", "subject": "Objet"}
REQUESTERS = {"usager": 90, "élu": 3, "professionnel": 5, "association": 2}
REQUEST_KINDS = {"information": 75, "conseil": 8, "dossier particulier": 14, "autre": 3}
ELECTED_KINDS = {"information": 40, "conseil": 35, "rendez-vous": 25}
ELECTED_SERVICE = "Bureau des relations avec les collectivités"
MAIL_SERVICES = {service: (int(weight), [s.strip() for s in subjects.split(";")])
                 for service, weight, subjects in _table("""
    Bureau des étrangers | 38 | Demande de rendez-vous pour un titre de séjour; Récépissé expiré;
        État d'avancement de ma demande de titre de séjour; Changement d'adresse sur mon titre;
        Pièces à fournir pour une naturalisation; Document de circulation pour un mineur
    Bureau des titres | 25 | Permis de conduire : solde de points; Permis international;
        Carte grise : changement de titulaire; Passeport urgent pour un voyage;
        Perte de carte d'identité; Certificat d'immatriculation non reçu
    Bureau de la réglementation | 12 | Déclaration d'une manifestation sportive;
        Autorisation de vidéoprotection; Acquisition d'une arme; Débit de boissons temporaire
    Accueil général | 15 | Horaires d'ouverture de la préfecture; Demande de renseignements;
        Accès pour personne à mobilité réduite; Objet oublié dans le hall
    Service de la communication | 3 | Demande de visite de la préfecture; Question sur un communiqué
    Point numérique | 7 | Aide pour une démarche en ligne; Horaires du point numérique
    Bureau des relations avec les collectivités | 0 | Demande de conseil sur une délibération;
        Question sur le budget primitif; Contrôle de légalité d'un marché public;
        Dotation d'équipement des territoires ruraux; Rendez-vous avec le secrétaire général
""")}

# Complaints: nature weights, then (nature, theme, service, message, follow-up).
COMPLAINT_HEADERS = ["N°", "Reçu le", "Canal", "Nature", "Thème", "Service", "Répondu le",
                     "Message", "Suites données"]
COMPLAINT_CHANNELS = {"formulaire du site": 50, "urne": 20, "courriel": 18, "courrier": 12}
NATURES = {"hors champ": 42, "réclamation": 30, "suggestion": 16, "remerciement": 12}
COMPLAINTS = _table("""
    hors champ | dossier en cours | Bureau des étrangers |
        Où en est ma demande de renouvellement de titre de séjour déposée en mars ? |
        Réorientation vers le bureau des étrangers.
    hors champ | autre administration | Accueil général |
        Ma caisse de retraite ne répond pas, pouvez-vous intervenir ? |
        Réorientation vers l'organisme compétent.
    hors champ | demande d'intervention du préfet | Cabinet |
        Je demande l'intervention du préfet dans un litige avec mon voisin. |
        Orientation vers le conciliateur de justice.
    hors champ | permis de conduire | Bureau des titres |
        Mon permis n'est toujours pas arrivé après deux mois. | Réorientation vers l'ANTS.
    hors champ | plainte riverain | Cabinet | Bruit d'un chantier la nuit près de chez moi. |
        Réorientation vers la mairie.
    réclamation | accueil | Accueil général | Attente de plus d'une heure malgré un rendez-vous. |
        Rappel de l'organisation des créneaux aux agents d'accueil.
    réclamation | délais de rendez-vous étrangers | Bureau des étrangers |
        Aucun créneau disponible depuis trois semaines pour déposer ma demande de titre. |
        Ouverture de créneaux supplémentaires le mardi matin.
    réclamation | température des locaux | Service des moyens généraux |
        Il fait très froid dans la salle d'attente du rez-de-chaussée. |
        Intervention sur le chauffage programmée.
    réclamation | téléphone | Standard | Personne ne décroche au bureau des étrangers. | -
    réclamation | site internet | Service de la communication |
        Les horaires affichés sur le site ne sont pas les bons. | Page mise à jour le jour même.
    réclamation | signalétique | Service des moyens généraux |
        Impossible de trouver l'entrée du point numérique. | Nouveaux panneaux commandés.
    suggestion | signalétique | Service des moyens généraux |
        Indiquer plus clairement le chemin vers les guichets des titres. |
        Plan d'accès affiché dans le hall.
    suggestion | confort | Service des moyens généraux |
        Installer une fontaine à eau dans la salle d'attente. | -
    suggestion | accueil | Accueil général | Proposer des tickets pour la remise des titres. |
        Étude en cours.
    suggestion | site internet | Service de la communication |
        Ajouter une foire aux questions sur les rendez-vous. | Rubrique ajoutée au site.
    remerciement | accueil | Point numérique |
        Merci à l'agent du point numérique pour sa patience. | -
    remerciement | titres | Bureau des étrangers |
        Merci pour le traitement rapide de mon dossier. | -
""")

# Mystery calls and e-mails.
CALL_CRITERIA = {"SVI": 0.80, "Prise en charge": 0.95, "Formule d'accueil": 0.88,
                 "Courtoisie": 0.97, "Langage": 0.95, "Orientation sites officiels": 0.80,
                 "1er niveau de renseignement": 0.88}
CALL_HEADERS = ["Appel", "Date", "Heure", "Service appelé", "Nom de l'agent", "Abouti",
                "Sonneries", *CALL_CRITERIA, "Transfert annoncé", "Prise de congé", "Observations"]
CALL_SERVICES = ["Standard", "Bureau des étrangers", "Bureau des titres", "Point numérique",
                 "Bureau des relations avec les collectivités", "Bureau de la réglementation"]
RINGS = {1: 10, 2: 20, 3: 20, 4: 15, 5: 10, 6: 9, 8: 6, 11: 4, 13: 3, 15: 3}
# What the caller writes of each criterion of the grid: praise where the call passed it,
# criticism where it failed (see _observations). Each sentence holds the grid's evidence words of
# its criterion (pipeline/resources/mystery_grid.yaml) more than any other's.
OBSERVATIONS = {header: (good, bad) for header, good, bad in _table("""
    SVI | Serveur vocal clair, choix bien annoncés. |
        Menu du serveur vocal long, choix peu compréhensibles.
    Prise en charge | Prise en charge immédiate. | Prise en charge tardive, attente longue.
    Formule d'accueil | Formule d'accueil complète. | Pas de formule d'accueil au décroché.
    Courtoisie | Agent aimable et courtois. | Ton sec, agent peu aimable.
    Langage | Langage clair et compréhensible. | Jargon administratif, explication peu claire.
    Orientation sites officiels | Renvoi vers service-public.fr. | Pas d'orientation vers les sites.
    1er niveau de renseignement | Réponse complète dès le premier appel. |
        Renseignement incomplet, il a fallu rappeler.
    Transfert annoncé | Transfert annoncé, mise en relation rapide. |
        Transfert sans annonce du service.
    Prise de congé | Prise de congé soignée. | Raccroché sans prise de congé.
""")}
FORMER_CALL_PRAISES = 4  # drawn once for a call without notes: the draw is kept (_mystery_calls)
EMAIL_HEADERS = ["N°", "Envoyé le", "Boîte", "Accusé de réception le", "Réponse le",
                 "Signature complète", "Info transfert", "Langage et mise en page", "Observations"]
MAILBOXES = ["pref-accueil@sylve.gouv.fr", "pref-etrangers@sylve.gouv.fr",
             "pref-titres@sylve.gouv.fr", "pref-collectivites@sylve.gouv.fr"]

# Action plan: (objective, action, owner, origin); trainings: (name, fewest, most agents).
PLAN_HEADERS = ["N°", "Année", "Objectif", "Action", "Pilote", "Échéance", "État", "Origine",
                "Point visé", "Réalisée le"]
ACTIONS = _table("""
    Améliorer la signalétique | Mise à jour des panneaux du hall et des points d'écriture |
        Service des moyens généraux | enquête de satisfaction
    Améliorer l'affichage | Deux affiches regroupant les informations utiles aux usagers |
        Mission qualité | Enquête de satisfaction
    Réduire les délais de rendez-vous des étrangers | Créneaux supplémentaires en ligne |
        Bureau des étrangers | réclamations et suggestions
    Améliorer l'accueil téléphonique | Annonce du service lors d'un transfert d'appel |
        Standard | appels mystère
    Améliorer l'accueil téléphonique | Refonte des messages du SVI |
        Service de la communication | Appels mystère
    Améliorer la réponse aux courriels | Signature complète sur les boîtes fonctionnelles |
        Mission qualité | courriels mystère
    Améliorer la réponse aux courriels | Information de l'usager en cas de transfert |
        Mission qualité | courriels mystère
    Améliorer le confort des espaces d'accueil | Réglage du chauffage de la salle d'attente |
        Service des moyens généraux | réclamations et suggestions
    Améliorer le site internet | Animation du réseau des contributeurs du site |
        Service de la communication | audit
    Adapter l'accueil aux usagers non francophones | Recensement des agents polyglottes |
        Mission qualité | CLU
    Accompagner les usagers au point numérique | Accueil d'un volontaire du service civique |
        Point numérique | enquête de satisfaction
    Améliorer la confidentialité au point numérique | Cloisons entre les postes |
        Service des moyens généraux | enquête de satisfaction
    Former les agents d'accueil | Formation à la gestion des conflits |
        Bureau des ressources humaines | Audit
    Faire connaître la démarche qualité | Affichage des résultats de l'enquête dans le hall |
        Mission qualité | CLU
    Améliorer les relations avec les collectivités | Tableau de suivi des courriels des élus |
        Bureau des relations avec les collectivités | audit
    Améliorer les relations avec les collectivités | Synthèse annuelle du contrôle de légalité |
        Bureau des relations avec les collectivités | CLU
    Faciliter les démarches en ligne | Tutoriels vidéo sur la prise de rendez-vous |
        Service de la communication | autre
    Réduire l'attente au guichet | Tickets pour la remise des titres | Accueil général |
        réclamations et suggestions
""")
# What each action answers (« Point visé »: codes of indicators, survey questions or mystery
# criteria, or their labels), so the deck pairs each result under its target with its action.
ACTION_TARGETS = {
    "Mise à jour des panneaux du hall et des points d'écriture": "q_orientation ; q_comfort",
    "Deux affiches regroupant les informations utiles aux usagers": "q_orientation",
    "Créneaux supplémentaires en ligne": "q_appointment_delay",
    "Annonce du service lors d'un transfert d'appel": "transfer_announced",
    "Refonte des messages du SVI": "svi_clear ; tel_svi_updates ; q_phone",
    "Signature complète sur les boîtes fonctionnelles": "signature_complete",
    "Information de l'usager en cas de transfert": "forwarding_informed",
    "Réglage du chauffage de la salle d'attente": "Le confort des espaces d'accueil et d'attente",
    "Animation du réseau des contributeurs du site": "web_site_updates ; q_website",
    "Accueil d'un volontaire du service civique": "q_pan",
    "Cloisons entre les postes": "q_confidentiality",
    "Tableau de suivi des courriels des élus": "elected_emails",
    "Tutoriels vidéo sur la prise de rendez-vous": "q_appointment_delay",
    "Tickets pour la remise des titres": "Le délai d'attente",
}
STATUSES = ["à engager", "en cours", "réalisée", "abandonnée"]
TRAININGS = [("accueil physique et téléphonique", 5, 25), ("gestion des conflits", 4, 14),
             ("PAN : accueil du public et gestion des conflits", 2, 6),
             ("accueil du public anglophone", 3, 7), ("initiation à la langue des signes", 3, 9),
             ("référent qualité", 1, 3), ("webmestre", 1, 3),
             ("accueil des personnes en situation de handicap", 4, 12)]

# Meeting: members (name, role, organisation, group), agenda, what changed, template e-mails.
PREFECTURE = "Préfecture de la Sylve"
MEMBERS = _table(f"""
    Mme Claire Fictif | maire de Boisjoli | Association des maires de la Sylve |
        Élus et collectivités
    M. Hugo Lambda | président | Association des maires ruraux de la Sylve | Élus et collectivités
    M. Bernard Fabulon | député | Assemblée nationale | Élus et collectivités
    Mme Sophie Imaginaire | conseillère départementale | Conseil départemental de la Sylve |
        Élus et collectivités
    M. Thomas Chimère | maire de Valmont | Commune de Valmont | Élus et collectivités
    Mme Nadia Hypothèse | directrice générale | CCI de la Sylve | Chambres consulaires
    M. Yves Postulat | président | Chambre de métiers et de l'artisanat de la Sylve |
        Chambres consulaires
    Mme Odile Brouillon | secrétaire générale | Chambre d'agriculture de la Sylve |
        Chambres consulaires
    M. Robert Esquisse | représentant | APF France handicap de la Sylve | Associations
    Mme Hélène Canevas | présidente | UFC-Que Choisir de la Sylve | Associations
    M. Karim Ébauche | directeur | UDAF de la Sylve | Associations
    Mme Inès Gabarit | présidente | Croix-Rouge française, unité de la Sylve | Associations
    M. Victor Patron | délégué | Prévention routière de la Sylve | Associations
    Mme Marie Calque | responsable | Emmaüs Sylve | Associations
    M. Denis Trame | délégué | Défenseur des droits | Services de l'État
    Mme Agnès Schéma | directrice adjointe | Direction départementale des territoires |
        Services de l'État
    M. Olivier Canon | chef de service | Direction départementale de la protection des populations |
        Services de l'État
    Mme Rose Épure | directrice |
        Direction départementale de l'emploi, du travail et des solidarités |
        Services de l'État
    M. Alain Repère | responsable de l'accueil | Direction départementale des finances publiques |
        Services de l'État
    M. Paul Exemple | secrétaire général | {PREFECTURE} | Préfecture
    Mme Anne Modèle | référente qualité | {PREFECTURE} | Préfecture
    M. Louis Témoin | directeur de la citoyenneté | {PREFECTURE} | Préfecture
    Mme Lucie Spécimen | cheffe du service de la communication | {PREFECTURE} | Préfecture
    M. Marc Prototype | chef du bureau des étrangers | {PREFECTURE} | Préfecture
    Mme Julie Maquette | cheffe du bureau des relations avec les collectivités | {PREFECTURE} |
        Préfecture
""")
AGENDA = _table("""
    Présentation de la démarche Qual-e-pref | quality_approach
    Les indicateurs qualité {year} | indicators
    L'enquête de satisfaction {year} | survey
    Les appels et courriels mystère {year} | mystery
    Les réclamations et suggestions | complaints
    Présentation de courriels type pour avis | template_emails
    Le plan d'actions {year} : avancement | action_plan
    Les formations des agents | trainings
    Questions / réponses | questions
""")
MEETING_DATES = {2020: dt.date(2021, 3, 4), 2021: dt.date(2022, 2, 10), 2022: dt.date(2023, 1, 24)}
WHAT_CHANGED = ["Accueil sur rendez-vous généralisé au bureau des étrangers",
                "Nouveau point numérique avec un poste accessible aux personnes à mobilité réduite",
                "Réponse d'attente automatique sur toutes les boîtes fonctionnelles",
                "Refonte de la rubrique « Étrangers » du site internet",
                "Annonce du service lors des transferts d'appel"]
SIGNATURE = "\n\nCordialement,\nLa préfecture de la Sylve"
TEMPLATE_EMAILS = [
    ("Accusé de réception automatique",
     "Bonjour,\n\nNous accusons réception de votre courriel. Nous nous engageons à examiner votre "
     "demande dans un délai de 5 jours ouvrés.\n\nCeci est un courriel automatique, merci de ne "
     "pas y répondre." + SIGNATURE),
    ("Demande redirigée vers le service compétent",
     "Bonjour,\n\nVotre demande a été transmise ce jour au service compétent, qui vous répondra "
     "dans un délai de 5 jours ouvrés." + SIGNATURE),
    ("Demande sur un dossier particulier",
     "Bonjour,\n\nVotre demande a été transmise au service instructeur. Le délai moyen de "
     "traitement est de 5 à 10 jours ouvrés." + SIGNATURE)]
README = """\
# Données brutes de l'exemple — Préfecture de la Sylve (fictive)

Exports bruts **fictifs** d'une préfecture imaginaire (département « 99 ») pour 2020, 2021 et
2022 : enquête de satisfaction, registre des courriers et courriels, indicateurs mensuels
(téléphonie, internet, point numérique), affiche « Transparence », réclamations et suggestions,
appels et courriels mystère, plan d'actions, formations, et le fichier de la réunion du CLU de
chaque année. Ils imitent de vrais exports (encodages, séparateurs, formats de date, casse
variables, colonnes de données personnelles inutiles). Les personnes citées n'existent pas.

`anomalies_attendues.csv` liste les lignes erronées plantées exprès : la chaîne doit les mettre
en quarantaine (`row` = numéro de ligne vu dans le tableur, en-tête compris).

Ces fichiers sont générés par `python -m pipeline sample` (module `pipeline/sample.py`, même
résultat octet pour octet à chaque exécution) et ne sont jamais modifiés par la chaîne.
"""
# fmt: on


def _rng(seed: int, source: str, year: int) -> np.random.Generator:
    """One generator per source and year, so adding a source never shifts the others."""
    return np.random.default_rng([seed, zlib.crc32(source.encode()), year])


def _choose(rng: np.random.Generator, weights: dict, n: int, replace: bool = True) -> np.ndarray:
    p = np.array(list(weights.values()), dtype=float)
    return rng.choice(list(weights), n, replace=replace, p=p / p.sum())


def _busdays(start, end) -> np.ndarray:
    days = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    return days[np.is_busday(days, holidays=HOLIDAYS)]


def _add_busdays(dates, offsets) -> np.ndarray:
    return np.busday_offset(dates, offsets, roll="forward", holidays=HOLIDAYS)


def _py(day) -> dt.datetime | None:
    """A numpy day as the datetime an Excel date cell holds."""
    return None if np.isnat(day) else day.astype("datetime64[s]").item()


def _fr(day) -> str:
    return "" if np.isnat(day) else _py(day).strftime("%d/%m/%Y")


def _vary(values, rng: np.random.Generator, rate: float = 0.12) -> list[str]:
    """Spell some values as people type them: capitalised, upper case, stray spaces."""
    out = [str(v) for v in values]
    for i in np.flatnonzero(rng.random(len(out)) < rate):
        v = out[i]
        out[i] = (v[:1].upper() + v[1:], v.upper() + " ", " " + v, v + "  ")[i % 4]
    return out


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _personal_data(rng: np.random.Generator) -> str:
    """A sentence with an e-mail address, a phone number or a name after a civility."""
    first, last = str(rng.choice(FIRST_NAMES)), str(rng.choice(LAST_NAMES))
    kind, d, lead = int(rng.integers(0, 3)), rng.integers(10, 100, 4), str(rng.choice(["06", "07"]))
    if kind == 0:
        domain = rng.choice(["example.fr", "exemple.fr"])
        return f"Vous pouvez m'écrire à {_ascii(first)}.{_ascii(last)}@{domain}."
    if kind == 1:
        phone = [f"{lead} {d[0]} {d[1]} {d[2]} {d[3]}", f"{lead}.{d[0]}.{d[1]}.{d[2]}.{d[3]}",
                 f"+33 {lead[1]} {d[0]} {d[1]} {d[2]} {d[3]}"][int(rng.integers(0, 3))]  # fmt: skip
        return f"Rappelez-moi au {phone}."
    who = [f"Mme {last}", f"M. {last}", f"Monsieur {first} {last}"][int(rng.integers(0, 3))]
    return f"Merci à {who} pour son aide."


def _with_personal_data(texts: list[str], rng: np.random.Generator) -> list[str]:
    """Add personal data to about 5 % of the non-empty texts (at least one)."""
    filled = [i for i, t in enumerate(texts) if t]
    for i in rng.choice(filled, max(1, math.ceil(0.05 * len(filled))), replace=False):
        texts[i] = f"{texts[i]} {_personal_data(rng)}"
    return texts


def _spread(rng: np.random.Generator, candidates, k: int) -> list[int]:
    """k rows among the candidates, one per equal slice, so planted rows are never neighbours."""
    parts = np.array_split(np.asarray(candidates), k) if k else []
    return [int(rng.choice(part[1:-1])) for part in parts]


def _anomaly(source: str, file: str, row: int, column: str, reason: str) -> dict:
    return {"source": source, "file": file, "row": int(row), "column": column, "reason": reason}


def _save_xlsx(path: Path, sheets: dict[str, list[list]]) -> None:
    """Write an xlsx with fixed metadata and zip timestamps, so the bytes never change."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([v.item() if isinstance(v, np.generic) else v for v in row])
        for cell in (c for cells in ws.iter_rows() for c in cells):
            if isinstance(cell.value, dt.datetime | dt.time):
                cell.number_format = "hh:mm" if isinstance(cell.value, dt.time) else "dd/mm/yyyy"
    wb.properties.creator = PREFECTURE
    wb.properties.created = wb.properties.modified = STAMP
    buffer, stamp = io.BytesIO(), STAMP.timetuple()[:6]
    wb.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with now()
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-01-05T00:00:00Z", data
                )
            dst.writestr(zipfile.ZipInfo(info.filename, stamp), data, zipfile.ZIP_DEFLATED)


def _save_csv(path: Path, columns: dict[str, list], *, sep: str, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(
        {k: ["" if v is None else str(v) for v in vs] for k, vs in columns.items()}
    )
    frame.to_csv(path, sep=sep, encoding=encoding, index=False, lineterminator="\r\n")


def survey_window(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of the year's satisfaction survey."""
    return dt.date(year, 11, 21), dt.date(year, 12, 21)


def mystery_days(year: int) -> np.ndarray:
    """The 14 working days of the mystery campaign, from the first Monday on or after 5 Nov.

    Calls take the first 10 days (one a half-day), e-mails the whole span.
    """
    start = np.busday_offset(np.datetime64(dt.date(year, 11, 5)), 0, "forward", weekmask="Mon")
    return _add_busdays(start, np.arange(14))


def _survey(year: int, seed: int, full: bool, rows: int | None = None) -> tuple[dict, list[dict]]:
    rng = _rng(seed, "survey_responses", year)
    n, step = int(rng.integers(150, 251)), float(np.clip((year - 2020) / 2, 0, 1))
    n = rows or n
    start, end = (np.datetime64(d, "D") for d in survey_window(year))
    online = rng.random(n) < 0.25 + 0.2 * step
    any_day, open_day = (
        rng.choice(np.arange(start, end + 1), n),
        rng.choice(_busdays(start, end), n),
    )
    dates = np.where(online, any_day, open_day)
    order = np.argsort(dates, kind="stable")
    dates, online = dates[order], online[order]
    dates[[0, -1]], online[[0, -1]] = [start, end], True
    used_pan = rng.random(n) < 0.28 + 0.08 * step
    separators = rng.choice(["; ", ", "], n, p=[0.85, 0.15])  # no "/": see "CNI / passeport"
    procedures = [
        str(sep).join(_choose(rng, PROCEDURES, 1 + int(rng.random() < 0.2), replace=False))
        for sep in separators
    ]
    col = {
        "response_id": [f"{year}-{i:03d}" for i in range(1, n + 1)],  # (≥ 3 digits)
        "answered_on": [_py(d) for d in dates],
        "mode": _vary(np.where(online, "en ligne", "papier"), rng, 0.2),
        "site": _choose(rng, SITES, n).tolist(),
        "user_type": _vary(_choose(rng, USER_TYPES, n), rng),
        "age_band": _choose(rng, AGE_BANDS, n).tolist(),
        "area": _choose(rng, AREAS, n).tolist(),
        "procedures": procedures,
        "visit_reason": _vary(_choose(rng, VISIT_REASONS, n), rng),
        # The 2020 paper form had a tick box (X or nothing); later exports say Oui / Non.
        "used_pan": np.where(used_pan, "X", "").tolist()
        if year == 2020
        else _vary(np.where(used_pan, "Oui", "Non"), rng, 0.1),
    }
    level, very = 0.70 + 0.21 * step, 0.45 + 0.15 * step
    for q, (_, offset, not_concerned) in QUESTIONS.items():
        sat = float(np.clip(level + offset, 0.2, 0.98))
        p = [sat * very, sat * (1 - very), (1 - sat) * 0.7, (1 - sat) * 0.3]
        answers = np.array(_vary(rng.choice(LEVELS, n, p=p), rng, 0.04), dtype=object)
        draw = rng.random(n)
        if q == "q_pan":  # answered by those who went to the point numérique, give or take
            answers[~used_pan & (draw < 0.88)] = None
            answers[~used_pan & (draw >= 0.88) & (draw < 0.98)] = "Non concerné"
            answers[used_pan & (draw < 0.05)] = None
        else:
            answers[draw < not_concerned] = "Non concerné"
            answers[(draw >= not_concerned) & (draw < not_concerned + 0.03)] = None
        col[q] = answers.tolist()
    marks_2020 = np.array([1, 1, 2, 3, 6, 10, 17, 25, 19, 16]) / 100
    marks_2022 = np.array([0, 0, 1, 1, 2, 5, 12, 27, 26, 26]) / 100
    marks = rng.choice(np.arange(1, 11), n, p=(1 - step) * marks_2020 + step * marks_2022)
    col["q_overall"] = [
        None if r < 0.04 else int(m) for m, r in zip(marks, rng.random(n), strict=True)
    ]
    writes = rng.random(n) < 0.3
    # The remarks were once drawn here by the overall mark alone; the draw is kept, so that the
    # personal data and the anomalies planted below stay on the same rows.
    former = np.array([(m or 0) >= 8 for m in col["q_overall"]])[writes]
    rng.integers(0, np.where(former, FORMER_GOOD_REMARKS, FORMER_BAD_REMARKS))
    comments = _remarks(col, writes, _rng(seed, "survey_responses/remarks", year))
    col["comment"] = _with_personal_data(comments, rng)
    file, anomalies = f"{year}/enquete_satisfaction_{year}.xlsx", []
    if full:
        plants = [("q_courtesy", "Super", "réponse hors de l'échelle « Super »"),
                  ("response_id", None, "numéro de questionnaire manquant"),
                  ("q_overall", 12, "note globale de 12 hors de l'échelle 1 à 10")]  # fmt: skip
    else:
        plants = [("response_id", "dup", "numéro de questionnaire en double")] if year % 2 else []
    for r, (column, value, reason) in zip(_spread(rng, range(n), len(plants)), plants, strict=True):
        col[column][r] = col[column][r - 1] if value == "dup" else value
        anomalies.append(_anomaly("survey_responses", file, r + 2, column, reason))
    header = list(SURVEY_HEADERS.values()) + [h for h, _, _ in QUESTIONS.values()]
    header += ["Note globale (1 à 10)", "Remarques / suggestions"]
    if year >= PROCEDURE_DONE_SINCE:  # a question added to the form in 2021, at its end
        col["q_procedure_done"] = _procedure_done(year, seed, n, step)
        header.append(PROCEDURE_DONE_HEADER)
    return {file: {"Réponses": [header, *map(list, zip(*col.values(), strict=True))]}}, anomalies


def _judgements(answers: list) -> np.ndarray:
    """+1 for a satisfied answer (level or overall mark), -1 for a dissatisfied one, 0 for no
    answer (blank, « Non concerné »)."""
    cleaned = [str(a).strip().lower() if a is not None else "" for a in answers]
    marks = pd.to_numeric(pd.Series(cleaned), errors="coerce").to_numpy()
    levels = np.array(cleaned, dtype=object)
    satisfied = np.isin(levels, list(SATISFIED_LEVELS)) | (marks >= SATISFIED_MARK)
    dissatisfied = np.isin(levels, list(DISSATISFIED_LEVELS)) | (marks < SATISFIED_MARK)
    return np.where(satisfied, 1, np.where(dissatisfied, -1, 0))


def _remarks(col: dict, writes: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Each writing respondent's remark, tied to their answers: a criterion of REMARKS they
    answered (one they are dissatisfied with twice as likely: people write of what went wrong),
    praise if satisfied with it, criticism if not."""
    judged = np.column_stack([_judgements(col[column]) for column in REMARKS])
    weights = np.where(judged < 0, 2.0, np.where(judged > 0, 1.0, 0.0))
    total = weights.sum(axis=1)
    draw, pick = rng.random(len(total)) * total, rng.random(len(total))
    chosen = np.minimum((np.cumsum(weights, axis=1) <= draw[:, None]).sum(axis=1), len(REMARKS) - 1)
    tone = judged[np.arange(len(total)), chosen]  # +1 praise, -1 criticism
    texts = np.full(len(total), NO_ANSWER_REMARK, dtype=object)
    for position, (good, bad) in enumerate(REMARKS.values()):  # the criteria, never the rows
        for texts_of, sign in ((good, 1), (bad, -1)):
            rows = (chosen == position) & (tone == sign) & (total > 0)
            texts[rows] = np.array(texts_of, dtype=object)[(pick[rows] * len(texts_of)).astype(int)]
    return np.where(writes, texts, "").tolist()


def _procedure_done(year: int, seed: int, n: int, step: float) -> list[str | None]:
    """« Avez-vous pu réaliser votre démarche ? »: Oui / Non, some blank (own generator, so the
    other answers of the survey stay as they were before the question was added)."""
    rng = _rng(seed, "survey_responses/procedure_done", year)
    answers = _vary(np.where(rng.random(n) < 0.86 + 0.08 * step, "Oui", "Non"), rng, 0.1)
    blank = rng.random(n) < 0.06
    return [None if b else answer for answer, b in zip(answers, blank, strict=True)]


def _mail_register(
    year: int, seed: int, full: bool, rows: int | None = None
) -> tuple[str, dict, list[dict]]:
    rng = _rng(seed, "mail_register", year)
    n = rows or int(rng.integers(2000, 4001))
    days = np.arange(f"{year}-01-01", f"{year + 1}-01-01", dtype="datetime64[D]")
    weights = np.where(np.is_busday(days, holidays=HOLIDAYS), 1.0, 0.04)  # a few weekend e-mails
    received = np.sort(rng.choice(days, n, p=weights / weights.sum()))
    email = rng.random(n) < 0.85
    requester = _choose(rng, REQUESTERS, n)
    elected = requester == "élu"
    kind = _choose(rng, REQUEST_KINDS, n).astype(object)
    kind[elected] = _choose(rng, ELECTED_KINDS, elected.sum())
    service = _choose(rng, {s: w for s, (w, _) in MAIL_SERVICES.items()}, n).astype(object)
    service[elected] = np.where(rng.random(elected.sum()) < 0.85, ELECTED_SERVICE, "Cabinet")
    subjects = [
        rng.choice(MAIL_SERVICES.get(s, MAIL_SERVICES[ELECTED_SERVICE])[1]) for s in service
    ]
    delay = np.where(email, rng.geometric(0.4, n) - 1, rng.geometric(0.2, n))  # working days
    tail = rng.random(n) < 0.04
    delay[tail] += rng.integers(5, 20, tail.sum())
    answered = _add_busdays(received, delay)
    answered[rng.random(n) < 0.01] = np.datetime64("NaT")
    nat = np.datetime64("NaT", "D")
    holding = np.where(
        email & (rng.random(n) < 0.4), _add_busdays(received, rng.integers(0, 2, n)), nat
    )
    holding = np.where(holding > answered, answered, holding)
    appointment = np.where(
        kind == "rendez-vous", _add_busdays(answered, rng.integers(1, 8, n)), nat
    )
    first, last = rng.choice(FIRST_NAMES, n), rng.choice(LAST_NAMES, n)
    civility = rng.choice(["Mme", "M."], n)
    col = {
        "request_id": [f"{year % 100}-{i:05d}" for i in range(1, n + 1)],  # (≥ 5 digits)
        "received_on": [_fr(d) for d in received],
        "requester_name": [f"{c} {f} {la}" for c, f, la in zip(civility, first, last, strict=True)],
        "requester_email": [
            f"{_ascii(f)}.{_ascii(la)}@example.fr" if e else ""
            for f, la, e in zip(first, last, email, strict=True)
        ],
        "channel": _vary(np.where(email, "Courriel", "Courrier"), rng, 0.06),
        "service": service.tolist(),
        "requester": _vary(requester, rng, 0.05),
        "request_kind": _vary(kind, rng, 0.05),
        "holding_reply_on": [_fr(d) for d in holding],
        "answered_on": [_fr(d) for d in answered],
        "appointment_on": [_fr(d) for d in appointment],
        "subject": [str(s) for s in subjects],
    }
    file, anomalies = f"{year}/registre_courriers_courriels_{year}.csv", []
    before = "la date de réponse précède la date de réception"  # the contract's check messages
    holding_before = "la réponse d'attente précède la date de réception"
    if full:
        plants = [
            ("answered_on", before),
            ("received_on", "date de réception impossible « 31/02 »"),
            ("channel", "canal inconnu « fax »"),
            ("request_id", "numéro d'enregistrement en double"),
            ("holding_reply_on", holding_before),
        ]
    else:
        plants = [("answered_on", before)] if year % 2 else [("channel", "canal inconnu « fax »")]
    clean = np.flatnonzero(
        email & ~np.isnat(answered) & np.isnat(holding) & (kind != "rendez-vous")
    )
    for r, (column, reason) in zip(_spread(rng, clean, len(plants)), plants, strict=True):
        too_early = _fr(_add_busdays(received[r], -2))
        col[column][r] = {"answered_on": too_early, "holding_reply_on": too_early,
                          "received_on": f"31/02/{year}", "channel": "fax",
                          "request_id": col["request_id"][r - 1]}[column]  # fmt: skip
        anomalies.append(_anomaly("mail_register", file, r + 2, column, reason))
    return file, {MAIL_HEADERS[k]: v for k, v in col.items()}, anomalies


def _monthly(year: int, seed: int, full: bool) -> tuple[dict, list[dict]]:
    file, anomalies = f"{year}/indicateurs_mensuels_{year}.xlsx", []
    # 2021's workbook was typed by hand: months as text; the others hold real dates.
    months = [
        f"{MONTHS_FR[m - 1]} {year}" if year == 2021 else dt.datetime(year, m, 1)
        for m in range(1, 13)
    ]

    rng = _rng(seed, "telephony_monthly", year)
    season = 1 + 0.18 * np.sin((np.arange(12) - 3) / 12 * 2 * np.pi)
    received = np.round(rng.uniform(4500, 7500, 12) * season).astype(int).tolist()
    rate = np.clip(rng.normal(0.85 + 0.03 * (year - 2020), 0.025, 12), 0.80, 0.95)
    answered = np.round(np.array(received) * rate).astype(int).tolist()
    svi = rng.integers(0, 5, 12)
    svi_ok = svi - rng.binomial(svi, 0.15)
    svi_cells = [
        [u, o] if u else [str(rng.choice(["Sans objet", "aucune demande"]))] * 2
        for u, o in zip(svi.tolist(), svi_ok.tolist(), strict=True)
    ]
    if year == 2020:  # the SVI updates were only followed from July 2020
        svi_cells[:6] = [["non suivi"] * 2] * 6
    if full:
        m = int(rng.integers(0, 12))
        answered[m] = received[m] + int(rng.integers(20, 300))
        reason = "plus d'appels aboutis que d'appels reçus"
        anomalies.append(_anomaly("telephony_monthly", file, m + 2, "calls_answered", reason))
    telephony = [["Mois", "Appels reçus", "Appels aboutis", "MAJ SVI", "MAJ SVI ≤ 3 j ouvrés"]]
    telephony += [
        [*row[:3], *row[3]] for row in zip(months, received, answered, svi_cells, strict=True)
    ]

    rng = _rng(seed, "web_monthly", year)
    visits = rng.integers(40000, 60001, 12)
    unique = np.round(visits * rng.uniform(0.6, 0.75, 12)).astype(int).tolist()
    updates = rng.integers(8, 36, 12)
    updates_ok = (updates - rng.binomial(updates, 0.08)).tolist()
    impressions = rng.integers(40000, 150001, 12).tolist()
    engagements = np.round(np.array(impressions) * rng.uniform(0.02, 0.08, 12)).astype(int).tolist()
    connections = rng.integers(15000, 60001, 12).tolist()
    # 2021's visits were pasted as text with a space as thousands separator.
    visits = [f"{v:,}".replace(",", " ") if year == 2021 else v for v in visits.tolist()]
    update_cells = [list(pair) for pair in zip(updates.tolist(), updates_ok, strict=True)]
    if year == 2020:
        connections = ["non suivi"] * 12
        update_cells[:3] = [["non suivi"] * 2] * 3
        if not full:
            m = int(rng.integers(0, 12))
            engagements[m] = impressions[m] + int(rng.integers(100, 900))
            reason = "plus d'engagements que d'impressions"
            anomalies.append(_anomaly("web_monthly", file, m + 2, "social_engagements", reason))
    web = [["Mois", "Visites", "Visiteurs uniques", "MAJ site", "MAJ site ≤ 3 j ouvrés",
            "Impressions", "Engagements", "Connexions réseaux sociaux"]]  # fmt: skip
    web += [
        [mo, v, u, *up, i, e, c]
        for mo, v, u, up, i, e, c in zip(
            months, visits, unique, update_cells, impressions, engagements, connections, strict=True
        )
    ]

    rng = _rng(seed, "digital_point_monthly", year)
    pan = [["Mois", "Jours d'ouverture", "Usagers"]]
    for m, month in enumerate(months, start=1):
        end = dt.date(year + m // 12, m % 12 + 1, 1) - dt.timedelta(1)
        days = len(_busdays(dt.date(year, m, 1), end)) - int(rng.integers(0, 3))
        users = int(days * rng.uniform(9, 16 + 6 * (year - 2020)))
        closed = year == 2020 and m in (4, 5)  # closed during the lockdown
        pan.append([month, *(["Sans objet"] * 2 if closed else [days, users])])
    return {file: {"Téléphonie": telephony, "Internet": web, "Point numérique": pan}}, anomalies


def _transparence(year: int, seed: int, full: bool) -> tuple[str, dict, list[dict]]:
    rng = _rng(seed, "title_delays", year)
    style = {0: "T{q} {y}", 1: "{q}T{y}", 2: "{y}-T{q}"}[year % 3]
    titles = [("CNI / passeport", 14, 30), ("CIV", 3, 7), ("Permis de conduire", 10, 30)]
    rows = [(q, *t) for q in range(1, 5) for t in titles]
    rows += [(4, "Titre de séjour (première demande)", 60, 120),
             (4, "Titre de séjour (renouvellement)", 30, 70)]  # fmt: skip
    col = {"Trimestre": [], "Titre": [], "Délai moyen": [], "Fraude (‰)": []}
    for q, title, low, high in rows:
        delay = rng.integers(low, high) if title != "CIV" else round(rng.uniform(low, high) * 2) / 2
        fraud = rng.uniform(2, 6) if "séjour" in title else rng.uniform(0.2, 0.8)
        col["Trimestre"].append(style.format(q=q, y=year))
        col["Titre"].append(title)
        col["Délai moyen"].append(f"{delay:g} j".replace(".", ","))
        col["Fraude (‰)"].append(f"{fraud:.2f}".replace(".", ",") if title[0] in "PT" else "")
    file, anomalies = f"{year}/transparence_{year}.csv", []
    if not full and year % 2:  # a row copied from the quarter before, its quarter left as is
        r = int(rng.integers(3, 12))
        col["Trimestre"][r] = col["Trimestre"][r - 3]
        reason = "trimestre et titre en double"
        anomalies.append(_anomaly("title_delays", file, r + 2, "quarter", reason))
    return file, col, anomalies


def _complaints(year: int, seed: int, full: bool) -> tuple[dict, list[dict]]:
    rng = _rng(seed, "complaints", year)
    n = int(rng.integers(30, 61))
    received = np.sort(rng.choice(_busdays(dt.date(year, 1, 1), dt.date(year, 12, 31)), n))
    nature = _choose(rng, NATURES, n)
    channel = _choose(rng, COMPLAINT_CHANNELS, n)
    paper = np.isin(channel, ["urne", "courrier"])
    answered = _add_busdays(received, np.where(paper, rng.integers(2, 9, n), rng.integers(1, 6, n)))
    answered[(nature == "remerciement") & (rng.random(n) < 0.4)] = np.datetime64("NaT")
    # received_on as typed: mostly a date cell, else an Excel serial number or a text date
    serials = (received - np.datetime64("1899-12-30")).astype(int).tolist()
    styles = [[_py(d) for d in received], [_fr(d) for d in received], serials]
    received_cells = [styles[k][i] for i, k in enumerate(np.digitize(rng.random(n), [0.8, 0.9]))]
    pool = {x: [row[1:] for row in COMPLAINTS if row[0] == x] for x in NATURES}
    picks = [pool[x][rng.integers(len(pool[x]))] for x in nature]
    col = [
        [f"{year}-{i:02d}" for i in range(1, n + 1)],
        received_cells,
        _vary(channel, rng, 0.2),
        _vary(nature, rng, 0.15),
        *([p[i] for p in picks] for i in range(2)),
        [_py(d) for d in answered],
        _with_personal_data([p[2] for p in picks], rng),
        [p[3] if rng.random() < 0.7 else "" for p in picks],
    ]
    file, anomalies = f"{year}/reclamations_suggestions_{year}.xlsx", []
    if full:
        plants = [(3, "plainte", "nature inconnue « plainte »"),
                  (6, "early", "la date de réponse précède la date de réception")]  # fmt: skip
    else:
        plants = [] if year % 2 else [(1, None, "date de réception manquante")]
    for r, (c, value, reason) in zip(
        _spread(rng, np.flatnonzero(~np.isnat(answered)), len(plants)), plants, strict=True
    ):
        col[c][r] = _py(_add_busdays(received[r], -3)) if value == "early" else value
        column = {1: "received_on", 3: "nature", 6: "answered_on"}[c]
        anomalies.append(_anomaly("complaints", file, r + 4, column, reason))
    title = [f"Registre des réclamations et suggestions {year} — {PREFECTURE}"]
    rows = [title, [], COMPLAINT_HEADERS, *map(list, zip(*col, strict=True))]
    return {file: {"Registre": rows}}, anomalies


def _mystery_calls(year: int, seed: int, full: bool) -> tuple[dict, list[dict]]:
    rng = _rng(seed, "mystery_calls", year)
    written = _rng(seed, "mystery_calls/observations", year)
    yes, no = ("oui", "non") if year == 2021 else ("Oui", "Non")
    rows, file, anomalies = [CALL_HEADERS], f"{year}/appels_mystere_{year}.xlsx", []
    for i, day in enumerate(np.repeat(mystery_days(year)[:10], 2)):
        minutes = int(rng.integers(0, 31)) * 5 + (540 if i % 2 == 0 else 840)  # 9h / 14h + ≤ 2h30
        at = dt.time(minutes // 60, minutes % 60)
        answered, rings = rng.random() < 0.95, int(_choose(rng, RINGS, 1)[0])
        marks = {k: rng.random() < p for k, p in CALL_CRITERIA.items()}
        transfer = str(rng.choice(["sans objet", yes, no], p=[0.4, 0.25, 0.35]))
        farewell = rng.random() < 0.92
        criteria = [yes if v else no for v in [*marks.values(), farewell]]
        criteria.insert(-1, transfer)
        agent = f"{rng.choice(['Mme', 'M.'])} {rng.choice(LAST_NAMES)}"
        service = str(rng.choice(CALL_SERVICES))
        # (an answered call without these notes once drew a canned praise: the draw is kept,
        # so that the calls after it keep their marks)
        if answered and rings <= 10 and transfer != no and marks["Orientation sites officiels"]:
            rng.integers(0, FORMER_CALL_PRAISES)
        passed = {**marks, "Transfert annoncé": transfer == yes if transfer != "sans objet"
                  else None, "Prise de congé": farewell}  # fmt: skip
        notes = _observations(passed, rings, written)
        if not answered:  # the grid keeps the rings heard before hanging up, nothing else
            rings, criteria, agent, notes = 15, [""] * 9, "", "Non abouti : messagerie."
        rows.append([f"AM-{i + 1:02d}", _py(day), at.strftime("%Hh%M") if year == 2021 else at,
                     service, agent, yes if answered else no, rings, *criteria, notes])  # fmt: skip
    r = int(rng.integers(2, 20))
    if full:
        rows[r][6] = -3
        reason = "nombre de sonneries négatif"
        anomalies.append(_anomaly("mystery_calls", file, r + 1, "rings", reason))
    elif year % 2:
        rows[r][5] = ""
        anomalies.append(_anomaly("mystery_calls", file, r + 1, "answered", "case « Abouti » vide"))
    return {file: {"Grille": rows}}, anomalies


def _observations(passed: dict, rings: int, rng: np.random.Generator) -> str:
    """A call's observations, agreeing with its marks: the criticism of each criterion it failed
    (and of a late pick-up), then, when it failed at most one, the praise of one it passed."""
    notes = [f"Décroché après {rings} sonneries."] if rings > 10 else []
    notes += [OBSERVATIONS[header][1] for header, ok in passed.items() if ok is False]
    good = [OBSERVATIONS[header][0] for header, ok in passed.items() if ok]
    if good and (not notes or (len(notes) == 1 and rng.random() < 0.5)):
        notes.append(good[int(rng.integers(0, len(good)))])
    return " ".join(notes)


def _mystery_emails(year: int, seed: int, full: bool) -> tuple[str, dict, list[dict]]:
    rng = _rng(seed, "mystery_emails", year)
    n, days = int(rng.integers(15, 21)), mystery_days(year)
    sent = np.sort(rng.choice(days, n))
    sent[[0, -1]] = days[[0, -1]]
    answered = _add_busdays(sent, rng.geometric(0.35, n) - 1)
    answered[int(rng.integers(1, n - 1))] = np.datetime64("NaT")
    yes, no = ("O", "N") if year == 2021 else ("oui", "non")
    rows = []
    for i in range(n):
        done = not np.isnat(answered[i])
        signed, clear = rng.random() < 0.75, rng.random() < 0.95
        forwarded = ["sans objet", yes, no][int(rng.choice(3, p=[0.5, 0.2, 0.3]))]
        flags = [yes if signed else no, forwarded, yes if clear else no]
        note = ("Aucune réponse malgré une relance." if not done else
                "Signature incomplète (pas de service)." if not signed else
                "Transfert au service sans en informer l'usager." if forwarded == no else
                "Mise en page peu lisible." if not clear else
                "Réponse claire et complète.")  # fmt: skip
        acknowledged = _fr(sent[i]) if rng.random() < 0.9 else ""
        rows.append([f"CM-{i + 1:02d}", _fr(sent[i]), str(rng.choice(MAILBOXES)), acknowledged,
                     _fr(answered[i]), *(flags if done else [""] * 3), note])  # fmt: skip
    file, anomalies = f"{year}/courriels_mystere_{year}.csv", []
    if full:
        r = int(rng.choice([i for i in range(1, n - 1) if not np.isnat(answered[i])]))
        rows[r][4] = _fr(_add_busdays(sent[r], -2))
        reason = "la date de réponse précède la date d'envoi"
        anomalies.append(_anomaly("mystery_emails", file, r + 2, "answered_on", reason))
    columns = dict(zip(EMAIL_HEADERS, map(list, zip(*rows, strict=True)), strict=True))
    return file, columns, anomalies


def _action_plan(year: int, seed: int, full: bool) -> tuple[dict, list[dict]]:
    rng = _rng(seed, "action_plan", year)
    n = int(rng.integers(8, 16))
    status_p = [0.25, 0.35, 0.35, 0.05] if full else [0.05, 0.2, 0.67, 0.08]
    rows = [PLAN_HEADERS]
    for i, a in enumerate(sorted(rng.choice(len(ACTIONS), n, replace=False))):
        status = str(rng.choice(STATUSES, p=status_p))
        month, due_year = int(rng.integers(3, 13)), year + int(rng.random() < 0.3)
        due = f"{MONTHS_FR[month - 1].capitalize()} {due_year}"  # as typed, or a date cell
        due = due if rng.random() < 0.6 else dt.datetime(due_year, month, 1)
        done = dt.datetime(year, month, int(rng.integers(1, 29))) if status == "réalisée" else None
        objective, action, owner, origin = ACTIONS[a]
        status = _vary([status], rng, 0.3)[0]
        aim = ACTION_TARGETS.get(action, "")
        number = f"PA{year}-{i + 1:02d}"
        rows.append([number, year, objective, action, owner, due, status, origin, aim, done])
    file, anomalies = f"{year}/plan_actions_{year}.xlsx", []
    if full:
        r = int(rng.integers(1, n + 1))
        rows[r][6], rows[r][9] = "Terminée", None
        reason = "état inconnu « Terminée »"
        anomalies.append(_anomaly("action_plan", file, r + 1, "status", reason))
    return {file: {"Plan": rows}}, anomalies


def _trainings(year: int, seed: int) -> tuple[str, dict]:
    rng = _rng(seed, "trainings", year)
    k = 5 if year == 2020 else int(rng.integers(5, 9))
    chosen = [TRAININGS[i] for i in sorted(rng.choice(len(TRAININGS), k, replace=False))]
    return f"{year}/formations_{year}.csv", {
        "Année": [year] * k,
        "Formation": [name for name, _, _ in chosen],
        "Nombre d'agents formés": [int(rng.integers(low, high + 1)) for _, low, high in chosen],
    }


def _emergency(year: int, seed: int) -> tuple[str, dict]:
    """Module 7: four exercises a year and a few real activations of the cell."""
    rng = _rng(seed, "emergency_events", year)
    activations = int(rng.integers(0, 4))
    days = np.sort(rng.choice(_busdays(f"{year}-01-01", f"{year}-12-31"), 4 + activations, False))
    kinds = rng.permutation(["exercice"] * 4 + ["Activation"] * activations)
    minutes = np.round(rng.gamma(6, 7, len(days)))
    on_time = np.where(minutes <= 60, "oui", np.where(rng.random(len(days)) < 0.5, "non", "Non"))
    return f"{year}/communication_urgence_{year}.csv", {
        "N°": [f"U{year}-{i:02d}" for i in range(1, len(days) + 1)],
        "Date": [_fr(d) for d in days],
        "Type": kinds.tolist(),
        "Délai information élus (min)": [f"{int(m)}" for m in minutes],
        "CIP dans les délais": on_time.tolist(),
    }


class _MeetingDumper(yaml.SafeDumper):
    """YAML as a person writes it: no anchors for repeated dates, e-mail bodies as blocks."""

    def ignore_aliases(self, data) -> bool:
        return True


_MeetingDumper.add_representer(
    str,
    lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None),
)


def _meeting(year: int, seed: int) -> dict:
    rng = _rng(seed, "meeting", year)
    on = MEETING_DATES.get(year, dt.date(year + 1, 2, 7))
    days, (start, end) = [_py(d).date() for d in mystery_days(year)], survey_window(year)
    status = _choose(rng, {"présent": 70, "excusé": 20, "absent": 10}, len(MEMBERS)).tolist()
    members = [
        {"name": m[0], "role": m[1], "organisation": m[2], "group": m[3],
         "status": "présent" if m[3] == "Préfecture" else s}
        for m, s in zip(MEMBERS, status, strict=True)
    ]  # fmt: skip
    agenda = [{"title": t.format(year=year, next_year=year + 1), "section": s} for t, s in AGENDA]
    agenda[0]["presenter"] = "Mme Anne Modèle, référente qualité"
    return {
        "committee": "Comité local des usagers",
        "prefecture": PREFECTURE,
        "date": on,
        "time": "14 h 30",
        "place": "Salle des fêtes de la préfecture, 1 place de la République, Sylve-la-Ville",
        "chair": {"name": "M. Paul Exemple", "role": "secrétaire général de la préfecture"},
        "contact_email": "pref-qualite@sylve.gouv.fr",
        "members": members,
        "agenda": agenda,
        "what_changed": rng.choice(WHAT_CHANGED, 3, replace=False).tolist(),
        "audits": [{"kind": "Audit interne", "date": dt.date(on.year, 5, 10)},
                   {"kind": "Audit de suivi par l'organisme certificateur",
                    "date": dt.date(on.year, 6, 20), "organisation": "Organisme certificateur"}],
        "survey": {"start": start, "end": end,
                   "mode": "questionnaire papier à l'accueil et en ligne (QR code)"},
        "mystery": {"calls_start": days[0], "calls_end": days[9],  # calls: 10 days, e-mails: 14
                    "emails_start": days[0], "emails_end": days[-1]},
        "template_emails": [{"title": t, "body": b} for t, b in TEMPLATE_EMAILS],
    }  # fmt: skip


# How each CSV export is written: the register comes from an old Windows tool.
CSV_FORMATS = ((_mail_register, ";", "cp1252"), (_mystery_emails, ",", "utf-8-sig"),
               (_transparence, ";", "utf-8"))  # fmt: skip


SCALED_SURVEY = "{year}/enquete_satisfaction_{year}.csv"  # the survey of a scaled sample


def write_sample(
    raw_dir: Path,
    years=(2020, 2021, 2022),
    seed: int = 20221124,
    rows: int | None = None,
    survey_workbook: bool = False,
) -> list[dict]:
    """Write the sample's raw files under ``raw_dir/<year>/`` and return the planted anomalies.

    The last year gets the full set of anomalies, earlier ones a few. Also writes, at the root of
    ``raw_dir``, ``anomalies_attendues.csv`` (the returned list) and ``README.md``.

    ``rows``: a scaled sample (for the benchmark): the last year's mail register and survey
    have that many rows each, and every year's survey is written as CSV (:data:`SCALED_SURVEY`:
    the export of so large a survey is often a CSV), or with ``survey_workbook`` as the usual
    workbook (Excel holds up to 1 048 576 rows: what an online survey tool exports), the large one
    written by :func:`~pipeline.tooling.large_workbook.write_large_workbook`.
    """
    raw_dir, anomalies = Path(raw_dir), []
    for year in years:
        full = year == max(years)
        size = rows if full else None
        for make in (_survey, _monthly, _complaints, _mystery_calls, _action_plan):
            workbooks, found = make(year, seed, full, size) if make is _survey else make(
                year, seed, full)  # fmt: skip
            anomalies += found
            for file, sheets in workbooks.items():
                if rows and make is _survey and survey_workbook:
                    if size:  # (openpyxl would take a quarter of an hour for a million rows)
                        ((sheet, cells),) = sheets.items()
                        write_large_workbook(raw_dir / file, sheet, cells, len(cells[0]))
                    else:
                        _save_xlsx(raw_dir / file, sheets)
                elif rows and make is _survey:
                    ((header, *cells),) = sheets.values()
                    columns = dict(zip(header, map(list, zip(*cells, strict=True)), strict=True))
                    _save_csv(raw_dir / SCALED_SURVEY.format(year=year), columns, sep=";",
                              encoding="utf-8")  # fmt: skip
                else:
                    _save_xlsx(raw_dir / file, sheets)
        for make, sep, encoding in CSV_FORMATS:
            if make is _mail_register:
                file, columns, found = make(year, seed, full, size)
            else:
                file, columns, found = make(year, seed, full)
            _save_csv(raw_dir / file, columns, sep=sep, encoding=encoding)
            anomalies += found
        file, columns = _trainings(year, seed)
        _save_csv(raw_dir / file, columns, sep=",", encoding="utf-8")
        file, columns = _emergency(year, seed)
        _save_csv(raw_dir / file, columns, sep=";", encoding="utf-8")
        meeting = _meeting(year, seed)
        text = yaml.dump(meeting, Dumper=_MeetingDumper, allow_unicode=True, sort_keys=False)
        header = f"# Réunion du CLU sur les résultats {year} — {PREFECTURE} (fictive)\n"
        (raw_dir / f"{year}/reunion_clu_{year}.yaml").write_text(header + text, encoding="utf-8")
    anomalies.sort(key=lambda a: (a["file"], a["row"]))
    columns = {k: [a[k] for a in anomalies] for k in ("source", "file", "row", "column", "reason")}
    _save_csv(raw_dir / "anomalies_attendues.csv", columns, sep=",", encoding="utf-8")
    (raw_dir / "README.md").write_text(README, encoding="utf-8")
    return anomalies


def main(seed: int | None = None) -> None:
    """Rewrite the repository's data/raw (``python -m pipeline sample``)."""
    raw_dir = ROOT / "data" / "raw"
    anomalies = write_sample(raw_dir) if seed is None else write_sample(raw_dir, seed=seed)
    print(f"Exemple écrit dans {raw_dir} : {len(anomalies)} anomalies plantées.")


if __name__ == "__main__":
    main()
