//! The words LinkedIn's pages use, per interface language, as data.
//!
//! Adding a language means adding one [`Language`] table to [`LANGUAGES`]: the parsers in
//! `parse` and the helpers below read every table, so no code changes. English, Spanish,
//! French, German, Portuguese (Brazil), Italian and Dutch ship today; `docs/languages.md` says
//! which phrasings were seen in public sources and which were inferred.
//!
//! Matching ignores case, for accented capitals too ("À l’instant", "ÉCRIT": see [`eq_ci`]),
//! and finds phrases as whole words. Phrases in the tables are written in lowercase.

use rustc_hash::FxHashMap;

use crate::core::invitation::Kind;

/// The phrasings of one interface language.
#[derive(Debug)]
pub struct Language {
    /// The primary language subtag (BCP 47), as `<html lang>` starts: "fr", "pt".
    pub code: &'static str,
    /// Labels of LinkedIn's Accept control start with one of these ("Accept", "Accept Ana’s…"),
    /// or end with it when the language puts the verb last ("Einladung von Ana annehmen").
    pub accept: &'static [&'static str],
    /// Labels of LinkedIn's Ignore control start (or end) with one of these.
    pub ignore: &'static [&'static str],
    /// Labels of a reply or message control start with one of these.
    pub reply: &'static [&'static str],
    /// Bulk controls that must never be taken for one card's Accept ("Accept all").
    pub bulk: &'static [&'static str],
    /// Texts of a note's "see more" expander.
    pub see_more: &'static [&'static str],
    /// Labels of LinkedIn's Withdraw control on the Sent tab start (or end) with one of these
    /// ("Withdraw", "Einladung an Ana zurückziehen").
    pub withdraw: &'static [&'static str],
    /// Withdraw labels that carry the invitee's name after a prefix ("Withdraw invitation sent
    /// to ", and the confirm's 2025–2026-03 "Withdrawn invitation sent to ").
    pub withdraw_label_prefixes: &'static [&'static str],
    /// Withdraw labels that carry the name between a prefix and a suffix (verb-last languages).
    pub withdraw_label_wraps: &'static [(&'static str, &'static str)],
    /// Labels of a dialog's controls that close it without acting: Cancel, Dismiss, Close.
    pub cancel: &'static [&'static str],
    /// Control labels that carry the inviter's name after a prefix, longest first.
    pub name_label_prefixes: &'static [&'static str],
    /// Control labels that carry the name between a prefix and a suffix ("Accept Ana’s
    /// invitation", "Einladung von Ana annehmen"); tried before the prefixes.
    pub name_label_wraps: &'static [(&'static str, &'static str)],
    /// Image alt texts that wrap a name: (prefix, suffix).
    pub alt_wraps: &'static [(&'static str, &'static str)],
    /// How mutual connections are phrased.
    pub mutual: MutualWords,
    /// How the time since an invitation was sent is phrased.
    pub age: AgeWords,
    /// Sentences that name what a non-person invitation asks: (phrase, kind). A phrase with a
    /// gap, `"hat sie eingeladen, … zu folgen"`, matches its two parts in order with the target
    /// between them (for languages that put the verb last).
    pub kinds: &'static [(&'static str, Kind)],
    /// Words before a target that are not part of its name ("to", "à", "der Gruppe").
    pub target_leads: &'static [&'static str],
    /// Sentences that say a person is inviting the member to connect ("follows you and is
    /// inviting you to connect"); found anywhere in a line, as whole words.
    pub invites: &'static [&'static str],
    /// What a card says once its invitation was accepted ("is now a connection").
    pub resolved: &'static [&'static str],
    /// Whole lines that are part of the card's furniture, not facts about the inviter.
    pub chrome: &'static [&'static str],
    /// Titles skipped when taking a first name.
    pub honorifics: &'static [&'static str],
    /// The word between a role and a company in a headline, with its spaces ("Engineer at
    /// Acme", " chez ", " bei ").
    pub headline_at: &'static [&'static str],
    /// Words of a headline that say nothing about a field ("de", "senior"), skipped when the
    /// member's field words are taken from their own headline; written as the matcher folds
    /// them (lowercase, no accents).
    pub headline_stopwords: &'static [&'static str],
}

/// Words of the mutual-connections line.
#[derive(Debug)]
pub struct MutualWords {
    /// The marker that makes a line a mutual-connections line (singular and plural).
    pub markers: &'static [&'static str],
    /// Words for "other(s)", after a count ("Ana and 12 others") or before it ("Ana e altri
    /// 12").
    pub others: &'static [&'static str],
    /// Conjunctions between names.
    pub and: &'static [&'static str],
    /// Verbs between names and the marker ("Ana is a mutual connection").
    pub copulas: &'static [&'static str],
}

/// Words of the age line.
#[derive(Debug)]
pub struct AgeWords {
    /// Optional leading words ("Sent").
    pub prefixes: &'static [&'static str],
    /// Optional trailing words ("Vor 3 Wochen gesendet").
    pub suffixes: &'static [&'static str],
    /// Words meaning zero days.
    pub today: &'static [&'static str],
    /// Words meaning one day.
    pub yesterday: &'static [&'static str],
    /// Words before the amount ("hace 3 días", "il y a 3 jours").
    pub before: &'static [&'static str],
    /// Words after the unit ("3 days ago", "3 giorni fa"). A line needs a word from `before`
    /// or from `after`.
    pub after: &'static [&'static str],
    /// Words for the amount one ("a week ago").
    pub one: &'static [&'static str],
    /// Unit words and their length in days (minutes and hours count as zero).
    pub units: &'static [(&'static str, u32)],
}

const EN: Language = Language {
    code: "en",
    accept: &["accept"],
    ignore: &["ignore", "decline"],
    reply: &["reply", "message"],
    bulk: &["accept all", "ignore all", "select all"],
    see_more: &[
        "see more",
        "…see more",
        "...see more",
        "… more",
        "…more",
        "more",
    ],
    withdraw: &["withdraw"],
    withdraw_label_prefixes: &[
        "withdraw invitation sent to ",
        "withdrawn invitation sent to ",
        "withdraw invitation to ",
    ],
    withdraw_label_wraps: &[],
    cancel: &["cancel", "dismiss", "close"],
    name_label_prefixes: &[
        "accept an invitation to connect from ",
        "ignore an invitation to connect from ",
        "accept invitation from ",
        "ignore invitation from ",
        "accept an invitation from ",
        "ignore an invitation from ",
        "reply to ",
    ],
    name_label_wraps: &[("accept ", "’s invitation"), ("accept ", "'s invitation")],
    alt_wraps: &[
        ("", "’s profile picture"),
        ("", "'s profile picture"),
        ("", "’s photo"),
        ("", "'s photo"),
        ("photo of ", ""),
        ("profile picture of ", ""),
    ],
    mutual: MutualWords {
        markers: &["mutual connections", "mutual connection"],
        others: &["others", "other"],
        and: &[" and ", " & "],
        copulas: &[" is a", " are"],
    },
    age: AgeWords {
        prefixes: &["sent", "received"],
        suffixes: &[],
        today: &["today", "just now", "now"],
        yesterday: &["yesterday"],
        before: &[],
        after: &["ago"],
        one: &["a", "an", "one"],
        units: &[
            ("minutes", 0),
            ("minute", 0),
            ("mins", 0),
            ("min", 0),
            ("hours", 0),
            ("hour", 0),
            ("hrs", 0),
            ("hr", 0),
            ("days", 1),
            ("day", 1),
            ("weeks", 7),
            ("week", 7),
            ("months", 30),
            ("month", 30),
            ("years", 365),
            ("year", 365),
        ],
    },
    kinds: &[
        ("invited you to join", Kind::Group),
        ("invited you to attend", Kind::Event),
        ("invited you to an event", Kind::Event),
        ("invited you to their event", Kind::Event),
        ("invited you to follow", Kind::Page),
        ("invited you to subscribe", Kind::Newsletter),
    ],
    target_leads: &["to ", "a ", "an "],
    invites: &[
        "follows you and is inviting you to connect",
        "is inviting you to connect",
    ],
    resolved: &["is now a connection"],
    chrome: &[
        "see more",
        "see less",
        "show less",
        "message",
        "reply",
        "accept",
        "ignore",
        "invitation",
        "invitations",
        "report",
        "newsletter",
        "·",
        "•",
    ],
    honorifics: &[
        "dr",
        "dr.",
        "prof",
        "prof.",
        "professor",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "mx",
        "mx.",
        "sir",
        "dame",
        "eng.",
        "ing.",
        "rev.",
        "capt.",
    ],
    headline_at: &[" at "],
    headline_stopwords: &[],
};

const ES: Language = Language {
    code: "es",
    accept: &["aceptar"],
    ignore: &["ignorar", "rechazar"],
    reply: &["responder", "mensaje"],
    bulk: &["aceptar todo", "ignorar todo", "seleccionar todo"],
    see_more: &["ver más", "…ver más", "...ver más", "… ver más"],
    withdraw: &["retirar"],
    withdraw_label_prefixes: &[
        "retirar invitación enviada a ",
        "retirar la invitación enviada a ",
        "invitación retirada enviada a ",
    ],
    withdraw_label_wraps: &[],
    cancel: &["cancelar", "descartar", "cerrar"],
    name_label_prefixes: &[
        "aceptar la invitación para conectar de ",
        "ignorar la invitación para conectar de ",
        "aceptar la invitación de ",
        "ignorar la invitación de ",
        "responder a ",
    ],
    name_label_wraps: &[],
    alt_wraps: &[("foto de perfil de ", ""), ("foto de ", "")],
    mutual: MutualWords {
        markers: &[
            "contactos en común más",
            "contactos en común",
            "contacto en común más",
            "contacto en común",
        ],
        others: &["más"],
        and: &[" y ", " & "],
        copulas: &[" es un", " son"],
    },
    age: AgeWords {
        prefixes: &["enviada", "enviado", "recibida"],
        suffixes: &[],
        today: &["hoy", "ahora"],
        yesterday: &["ayer"],
        before: &["hace"],
        after: &[],
        one: &["un", "una"],
        units: &[
            ("minutos", 0),
            ("minuto", 0),
            ("horas", 0),
            ("hora", 0),
            ("días", 1),
            ("día", 1),
            ("semanas", 7),
            ("semana", 7),
            ("meses", 30),
            ("mes", 30),
            ("años", 365),
            ("año", 365),
        ],
    },
    kinds: &[
        ("te ha invitado a unirte", Kind::Group),
        ("te ha invitado a asistir", Kind::Event),
        ("te ha invitado a un evento", Kind::Event),
        ("te ha invitado a seguir", Kind::Page),
        ("te ha invitado a suscribirte", Kind::Newsletter),
    ],
    target_leads: &["a ", "al ", "el ", "la "],
    invites: &["te sigue y te invita a conectar", "te invita a conectar"],
    resolved: &["ahora es un contacto", "ya es un contacto"],
    chrome: &[
        "ver más",
        "ver menos",
        "mensaje",
        "responder",
        "aceptar",
        "ignorar",
        "invitación",
        "invitaciones",
    ],
    honorifics: &[
        "dr.", "dra.", "sr.", "sra.", "srta.", "d.", "dña.", "lic.", "ing.",
    ],
    headline_at: &[" en "],
    headline_stopwords: &[
        "de", "del", "la", "el", "los", "las", "y", "e", "en", "para", "con", "un", "una",
        "senior", "junior", "jefe", "equipo", "ex",
    ],
};

const FR: Language = Language {
    code: "fr",
    accept: &["accepter"],
    ignore: &["ignorer"],
    reply: &["répondre", "message", "envoyer un message"],
    bulk: &[
        "tout accepter",
        "tout ignorer",
        "tout sélectionner",
        "accepter tout",
        "ignorer tout",
    ],
    see_more: &[
        "voir plus",
        "…voir plus",
        "… voir plus",
        "...voir plus",
        "... voir plus",
        "…plus",
        "… plus",
    ],
    withdraw: &["retirer"],
    withdraw_label_prefixes: &[
        "retirer l’invitation envoyée à ",
        "retirer l'invitation envoyée à ",
        "invitation retirée envoyée à ",
    ],
    withdraw_label_wraps: &[],
    cancel: &["annuler", "fermer"],
    name_label_prefixes: &[
        "accepter l’invitation de ",
        "accepter l'invitation de ",
        "ignorer l’invitation de ",
        "ignorer l'invitation de ",
        "accepter l’invitation d’",
        "accepter l'invitation d'",
        "ignorer l’invitation d’",
        "ignorer l'invitation d'",
        "répondre à ",
    ],
    name_label_wraps: &[
        ("ignorer l’invitation de ", " à rejoindre son réseau"),
        ("accepter l’invitation de ", " à rejoindre son réseau"),
        ("ignorer l’invitation d’", " à rejoindre son réseau"),
        ("accepter l’invitation d’", " à rejoindre son réseau"),
        ("ignorer l'invitation de ", " à rejoindre son réseau"),
        ("accepter l'invitation de ", " à rejoindre son réseau"),
        ("ignorer l'invitation d'", " à rejoindre son réseau"),
        ("accepter l'invitation d'", " à rejoindre son réseau"),
    ],
    alt_wraps: &[
        ("photo de profil de ", ""),
        ("photo de profil d’", ""),
        ("photo de profil d'", ""),
    ],
    mutual: MutualWords {
        markers: &[
            "relations que vous avez en commun",
            "relation que vous avez en commun",
            "relations en commun",
            "relation en commun",
        ],
        others: &["autres", "autre"],
        and: &[" et ", " & "],
        copulas: &[" est une", " sont des"],
    },
    age: AgeWords {
        prefixes: &["envoyée", "envoyé", "reçue", "reçu"],
        suffixes: &[],
        today: &[
            "aujourd’hui",
            "aujourd'hui",
            "à l’instant",
            "à l'instant",
            "maintenant",
        ],
        yesterday: &["hier"],
        before: &["il y a"],
        after: &[],
        one: &["un", "une"],
        units: &[
            ("minutes", 0),
            ("minute", 0),
            ("min", 0),
            ("heures", 0),
            ("heure", 0),
            ("h", 0),
            ("jours", 1),
            ("jour", 1),
            ("semaines", 7),
            ("semaine", 7),
            ("mois", 30),
            ("ans", 365),
            ("an", 365),
            ("années", 365),
            ("année", 365),
        ],
    },
    kinds: &[
        ("vous a invité(e) à rejoindre", Kind::Group),
        ("vous a invité à rejoindre", Kind::Group),
        ("vous a invitée à rejoindre", Kind::Group),
        ("vous a invité·e à rejoindre", Kind::Group),
        ("vous a invité(e) à participer", Kind::Event),
        ("vous a invité à participer", Kind::Event),
        ("vous a invitée à participer", Kind::Event),
        ("vous a invité·e à participer", Kind::Event),
        ("vous a invité(e) à un événement", Kind::Event),
        ("vous a invité à un événement", Kind::Event),
        ("vous a invitée à un événement", Kind::Event),
        ("vous a invité·e à un événement", Kind::Event),
        ("vous invite à participer", Kind::Event),
        ("vous a invité(e) à suivre", Kind::Page),
        ("vous a invité à suivre", Kind::Page),
        ("vous a invitée à suivre", Kind::Page),
        ("vous a invité·e à suivre", Kind::Page),
        ("vous invite à suivre", Kind::Page),
        ("vous a invité(e) à vous abonner", Kind::Newsletter),
        ("vous a invité à vous abonner", Kind::Newsletter),
        ("vous a invitée à vous abonner", Kind::Newsletter),
        ("vous a invité·e à vous abonner", Kind::Newsletter),
        ("vous invite à vous abonner", Kind::Newsletter),
    ],
    target_leads: &["à ", "au ", "aux ", "la ", "le ", "les ", "l’", "l'"],
    invites: &[
        "vous suit et vous invite à rejoindre son réseau",
        "vous invite à rejoindre son réseau",
        "à rejoindre son réseau",
        "souhaite rejoindre votre réseau",
    ],
    resolved: &[
        "fait maintenant partie de vos relations",
        "fait désormais partie de vos relations",
        "est maintenant une relation",
    ],
    chrome: &[
        "voir plus",
        "voir moins",
        "message",
        "répondre",
        "accepter",
        "ignorer",
        "invitation",
        "invitations",
        "signaler",
        "newsletter",
    ],
    honorifics: &[
        "m.", "mme", "mme.", "mlle", "mlle.", "dr", "dr.", "pr", "pr.", "prof.",
    ],
    headline_at: &[" chez "],
    headline_stopwords: &[
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "et",
        "chez",
        "en",
        "pour",
        "avec",
        "au",
        "aux",
        "un",
        "une",
        "responsable",
        "chef",
        "equipe",
        "ancien",
        "ancienne",
        "senior",
        "junior",
    ],
};

const DE: Language = Language {
    code: "de",
    accept: &["annehmen"],
    ignore: &["ignorieren"],
    reply: &["antworten", "nachricht"],
    bulk: &["alle annehmen", "alle ignorieren", "alle auswählen"],
    see_more: &[
        "mehr anzeigen",
        "…mehr anzeigen",
        "…mehr",
        "… mehr",
        "...mehr",
        "... mehr",
    ],
    withdraw: &["zurückziehen"],
    withdraw_label_prefixes: &[],
    withdraw_label_wraps: &[
        ("an ", " gesendete einladung zurückziehen"),
        ("einladung an ", " zurückziehen"),
        ("zurückgezogene einladung an ", ""),
    ],
    cancel: &["abbrechen", "verwerfen", "schließen"],
    name_label_prefixes: &["antworten an "],
    name_label_wraps: &[
        ("einladung zum vernetzen von ", " annehmen"),
        ("einladung zum vernetzen von ", " ignorieren"),
        ("einladung von ", " annehmen"),
        ("einladung von ", " ignorieren"),
    ],
    alt_wraps: &[
        ("", "’ profilbild"),
        ("", "' profilbild"),
        ("", "s profilbild"),
        ("profilbild von ", ""),
    ],
    mutual: MutualWords {
        markers: &["gemeinsame kontakte", "gemeinsamer kontakt"],
        others: &["weitere", "weiterer"],
        and: &[" und ", " & "],
        copulas: &[" ist ein", " sind"],
    },
    age: AgeWords {
        prefixes: &[],
        suffixes: &["gesendet", "erhalten", "eingegangen"],
        today: &["heute", "gerade eben", "jetzt"],
        yesterday: &["gestern"],
        before: &["vor"],
        after: &[],
        one: &["einem", "einer", "ein", "eine"],
        units: &[
            ("minuten", 0),
            ("minute", 0),
            ("min.", 0),
            ("min", 0),
            ("stunden", 0),
            ("stunde", 0),
            ("std.", 0),
            ("tagen", 1),
            ("tage", 1),
            ("tag", 1),
            ("wochen", 7),
            ("woche", 7),
            ("monaten", 30),
            ("monate", 30),
            ("monat", 30),
            ("jahren", 365),
            ("jahre", 365),
            ("jahr", 365),
        ],
    },
    kinds: &[
        ("hat sie eingeladen, … zu folgen", Kind::Page),
        ("hat sie eingeladen, … beizutreten", Kind::Group),
        ("hat sie eingeladen, … teilzunehmen", Kind::Event),
        ("hat sie eingeladen, … zu abonnieren", Kind::Newsletter),
        ("hat sie zur veranstaltung … eingeladen", Kind::Event),
        ("hat sie zu einer veranstaltung eingeladen", Kind::Event),
    ],
    target_leads: &[
        "der gruppe ",
        "die gruppe ",
        "der seite ",
        "die seite ",
        "den newsletter ",
        "dem newsletter ",
        "der veranstaltung ",
        "an ",
        "am ",
    ],
    invites: &[
        "folgt ihnen und möchte kontakt mit ihnen aufnehmen",
        "möchte kontakt mit ihnen aufnehmen",
        "möchte mit ihnen in kontakt treten",
        "möchte sich mit ihnen vernetzen",
    ],
    resolved: &[
        "ist jetzt ein kontakt",
        "ist jetzt mit ihnen vernetzt",
        "sie sind jetzt vernetzt",
    ],
    chrome: &[
        "mehr anzeigen",
        "weniger anzeigen",
        "nachricht",
        "nachricht senden",
        "antworten",
        "annehmen",
        "ignorieren",
        "einladung",
        "einladungen",
        "melden",
        "mehr",
        "newsletter",
    ],
    honorifics: &[
        "herr",
        "frau",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "dipl.-ing.",
        "ing.",
        "mag.",
    ],
    headline_at: &[" bei "],
    headline_stopwords: &[
        "der", "die", "das", "und", "bei", "fur", "im", "von", "mit", "zu", "am", "leiter",
        "leiterin", "ehemals", "ex",
    ],
};

const PT: Language = Language {
    code: "pt",
    accept: &["aceitar"],
    ignore: &["ignorar"],
    reply: &["responder", "mensagem", "enviar mensagem"],
    bulk: &[
        "aceitar todos",
        "aceitar todas",
        "aceitar tudo",
        "ignorar todos",
        "ignorar todas",
        "ignorar tudo",
        "selecionar tudo",
        "selecionar todos",
    ],
    see_more: &[
        "ver mais",
        "…ver mais",
        "… ver mais",
        "...ver mais",
        "... ver mais",
        "…mais",
        "… mais",
    ],
    withdraw: &["retirar"],
    withdraw_label_prefixes: &[
        "retirar convite enviado para ",
        "retirar o convite enviado para ",
        "retirar convite enviado a ",
        "convite retirado enviado para ",
    ],
    withdraw_label_wraps: &[],
    cancel: &["cancelar", "descartar", "fechar"],
    name_label_prefixes: &[
        "aceitar o convite para se conectar de ",
        "ignorar o convite para se conectar de ",
        "aceitar o convite de ",
        "ignorar o convite de ",
        "aceitar convite de ",
        "ignorar convite de ",
        "responder a ",
    ],
    name_label_wraps: &[],
    alt_wraps: &[("foto do perfil de ", ""), ("foto de perfil de ", "")],
    mutual: MutualWords {
        markers: &["conexões em comum", "conexão em comum"],
        others: &["outras", "outra", "mais"],
        and: &[" e ", " & "],
        copulas: &[" é uma", " são"],
    },
    age: AgeWords {
        prefixes: &["enviado", "enviada", "recebido", "recebida"],
        suffixes: &[],
        today: &["hoje", "agora", "agora mesmo"],
        yesterday: &["ontem"],
        before: &["há"],
        after: &["atrás"],
        one: &["um", "uma"],
        units: &[
            ("minutos", 0),
            ("minuto", 0),
            ("min", 0),
            ("horas", 0),
            ("hora", 0),
            ("h", 0),
            ("dias", 1),
            ("dia", 1),
            ("semanas", 7),
            ("semana", 7),
            ("meses", 30),
            ("mês", 30),
            ("mes", 30),
            ("anos", 365),
            ("ano", 365),
        ],
    },
    kinds: &[
        ("convidou você para participar do grupo", Kind::Group),
        ("convidou você para entrar no grupo", Kind::Group),
        ("convidou você para participar do evento", Kind::Event),
        ("convidou você para participar de", Kind::Event),
        ("convidou você para um evento", Kind::Event),
        ("convidou você para seguir", Kind::Page),
        ("convidou você para assinar", Kind::Newsletter),
        ("convidou você para se inscrever", Kind::Newsletter),
    ],
    target_leads: &[
        "o ", "a ", "os ", "as ", "do ", "da ", "de ", "no ", "na ", "em ",
    ],
    invites: &[
        "segue você e está convidando você para se conectar",
        "está convidando você para se conectar",
        "convidou você para se conectar",
        "quer se conectar com você",
    ],
    resolved: &[
        "agora é uma conexão",
        "agora é sua conexão",
        "agora faz parte da sua rede",
    ],
    chrome: &[
        "ver mais",
        "ver menos",
        "mensagem",
        "responder",
        "aceitar",
        "ignorar",
        "convite",
        "convites",
        "denunciar",
        "newsletter",
    ],
    honorifics: &[
        "sr.", "sra.", "srta.", "dr.", "dra.", "prof.", "profa.", "eng.",
    ],
    headline_at: &[" na ", " no ", " em "],
    headline_stopwords: &[
        "de", "do", "da", "dos", "das", "e", "na", "no", "em", "para", "com", "o", "os", "as",
        "senior", "junior", "lider", "equipe",
    ],
};

const IT: Language = Language {
    code: "it",
    accept: &["accetta"],
    ignore: &["ignora"],
    reply: &["rispondi", "messaggio", "invia messaggio"],
    bulk: &[
        "accetta tutti",
        "accetta tutto",
        "ignora tutti",
        "ignora tutto",
        "seleziona tutto",
        "seleziona tutti",
    ],
    see_more: &[
        "mostra altro",
        "…mostra altro",
        "… mostra altro",
        "visualizza altro",
        "…altro",
        "… altro",
        "...altro",
    ],
    withdraw: &["ritira"],
    withdraw_label_prefixes: &[
        "ritira l’invito inviato a ",
        "ritira l'invito inviato a ",
        "ritira invito inviato a ",
        "invito ritirato inviato a ",
    ],
    withdraw_label_wraps: &[],
    cancel: &["annulla", "chiudi"],
    name_label_prefixes: &[
        "accetta l’invito di ",
        "accetta l'invito di ",
        "ignora l’invito di ",
        "ignora l'invito di ",
        "accetta invito di ",
        "ignora invito di ",
        "rispondi a ",
    ],
    name_label_wraps: &[],
    alt_wraps: &[
        ("foto del profilo di ", ""),
        ("immagine del profilo di ", ""),
    ],
    mutual: MutualWords {
        markers: &["collegamenti in comune", "collegamento in comune"],
        others: &["altri", "altro", "altre"],
        and: &[" e ", " & "],
        copulas: &[" è un", " sono"],
    },
    age: AgeWords {
        prefixes: &["inviato", "inviata", "ricevuto", "ricevuta"],
        suffixes: &[],
        today: &["oggi", "adesso", "proprio ora", "un’ora fa", "un'ora fa"],
        yesterday: &["ieri"],
        before: &[],
        after: &["fa"],
        one: &["un", "una", "uno"],
        units: &[
            ("minuti", 0),
            ("minuto", 0),
            ("min", 0),
            ("ore", 0),
            ("ora", 0),
            ("giorni", 1),
            ("giorno", 1),
            ("settimane", 7),
            ("settimana", 7),
            ("mesi", 30),
            ("mese", 30),
            ("anni", 365),
            ("anno", 365),
        ],
    },
    kinds: &[
        ("ti ha invitato a unirti", Kind::Group),
        ("ti ha invitato a far parte", Kind::Group),
        ("ti ha invitato a partecipare", Kind::Event),
        ("ti ha invitato a un evento", Kind::Event),
        ("ti ha invitato a seguire", Kind::Page),
        ("ti invita a seguire", Kind::Page),
        ("ti ha invitato a iscriverti", Kind::Newsletter),
        ("ti ha invitato ad iscriverti", Kind::Newsletter),
        ("ti ha invitato ad abbonarti", Kind::Newsletter),
    ],
    target_leads: &[
        "a ", "ad ", "al ", "alla ", "allo ", "all’", "all'", "del ", "della ", "di ", "il ",
        "la ", "lo ", "l’", "l'",
    ],
    invites: &[
        "ti segue e ti ha invitato a collegarti",
        "ti ha invitato a collegarti",
        "ti invita a collegarti",
        "vorrebbe collegarsi con te",
    ],
    resolved: &[
        "è ora un collegamento",
        "ora è un collegamento",
        "è ora un tuo collegamento",
    ],
    chrome: &[
        "mostra altro",
        "mostra meno",
        "messaggio",
        "rispondi",
        "accetta",
        "ignora",
        "invito",
        "inviti",
        "segnala",
        "newsletter",
    ],
    honorifics: &[
        "sig.", "sig.ra", "sig.na", "dott.", "dott.ssa", "ing.", "avv.", "prof.", "prof.ssa",
        "arch.", "dr.",
    ],
    headline_at: &[" presso "],
    headline_stopwords: &[
        "di",
        "del",
        "della",
        "e",
        "ed",
        "presso",
        "per",
        "con",
        "il",
        "la",
        "lo",
        "gli",
        "le",
        "responsabile",
        "capo",
        "senior",
        "junior",
    ],
};

const NL: Language = Language {
    code: "nl",
    accept: &["accepteren"],
    ignore: &["negeren"],
    reply: &["beantwoorden", "antwoorden", "bericht"],
    bulk: &[
        "alles accepteren",
        "alle accepteren",
        "alles negeren",
        "alle negeren",
        "alles selecteren",
        "alle selecteren",
    ],
    see_more: &[
        "meer weergeven",
        "…meer weergeven",
        "…meer",
        "… meer",
        "...meer",
        "... meer",
    ],
    withdraw: &["intrekken"],
    withdraw_label_prefixes: &[],
    withdraw_label_wraps: &[
        ("uitnodiging verzonden aan ", " intrekken"),
        ("uitnodiging aan ", " intrekken"),
        ("ingetrokken uitnodiging verzonden aan ", ""),
    ],
    cancel: &["annuleren", "sluiten"],
    name_label_prefixes: &[
        "uitnodiging accepteren van ",
        "uitnodiging negeren van ",
        "beantwoorden aan ",
    ],
    name_label_wraps: &[
        ("uitnodiging om te connecten van ", " accepteren"),
        ("uitnodiging om te connecten van ", " negeren"),
        ("uitnodiging van ", " accepteren"),
        ("uitnodiging van ", " negeren"),
    ],
    alt_wraps: &[("profielfoto van ", "")],
    mutual: MutualWords {
        markers: &[
            "gemeenschappelijke connecties",
            "gemeenschappelijke connectie",
        ],
        others: &["andere", "anderen"],
        and: &[" en ", " & "],
        copulas: &[" is een", " zijn"],
    },
    age: AgeWords {
        prefixes: &["verzonden", "verstuurd", "ontvangen"],
        suffixes: &[],
        today: &["vandaag", "zojuist", "nu"],
        yesterday: &["gisteren"],
        before: &[],
        after: &["geleden"],
        one: &["een", "één"],
        units: &[
            ("minuten", 0),
            ("minuut", 0),
            ("min", 0),
            ("uur", 0),
            ("uren", 0),
            ("dagen", 1),
            ("dag", 1),
            ("weken", 7),
            ("week", 7),
            ("maanden", 30),
            ("maand", 30),
            ("jaar", 365),
            ("jaren", 365),
        ],
    },
    kinds: &[
        ("heeft je uitgenodigd om lid te worden", Kind::Group),
        ("heeft je uitgenodigd om deel te nemen", Kind::Event),
        ("heeft je uitgenodigd voor", Kind::Event),
        ("heeft je uitgenodigd om je te abonneren", Kind::Newsletter),
        ("heeft je uitgenodigd om … te volgen", Kind::Page),
        ("nodigt je uit om … te volgen", Kind::Page),
    ],
    target_leads: &["van ", "aan ", "op ", "de ", "het "],
    invites: &[
        "volgt je en nodigt je uit om te connecten",
        "nodigt je uit om te connecten",
        "wil graag met je connecten",
        "wil met je connecten",
    ],
    resolved: &["is nu een connectie", "is nu een van je connecties"],
    chrome: &[
        "meer weergeven",
        "minder weergeven",
        "bericht",
        "beantwoorden",
        "accepteren",
        "negeren",
        "uitnodiging",
        "uitnodigingen",
        "melden",
        "nieuwsbrief",
        "newsletter",
    ],
    honorifics: &[
        "dhr.", "mevr.", "mw.", "drs.", "ir.", "mr.", "ing.", "dr.", "prof.",
    ],
    headline_at: &[" bij "],
    headline_stopwords: &[
        "de", "het", "een", "en", "bij", "van", "voor", "met", "op", "te", "senior", "junior",
    ],
};

/// Every language the parsers understand.
pub static LANGUAGES: &[Language] = &[EN, ES, FR, DE, PT, IT, NL];

/// The table of a language code ("fr", "pt-BR", "DE"), if one ships.
pub fn language(code: &str) -> Option<&'static Language> {
    let primary = primary_subtag(code);
    LANGUAGES.iter().find(|l| l.code == primary)
}

/// The primary subtag of a BCP 47 code, lowercased: "pt-BR" → "pt", "FR" → "fr", "zh_Hant" →
/// "zh".
pub fn primary_subtag(code: &str) -> String {
    code.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether the parsers have a table for this language code's primary subtag.
pub fn is_supported(code: &str) -> bool {
    language(code).is_some()
}

// Case-insensitive matching. Page text is folded a character at a time, and only to a lowercase
// form of the same UTF-8 length, so that a match in the text is exactly as long as the phrase:
// callers can slice `text[at + phrase.len()..]`.

/// `c` in lowercase, when its lowercase is one character of the same UTF-8 length (every
/// letter of the Latin, Greek and Cyrillic alphabets); otherwise `c` itself.
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// Whether `a` and `b` are the same text but for letter case ("À L’INSTANT" and "à l’instant").
pub fn eq_ci(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    // A character outside ASCII never folds to one inside it (its UTF-8 is longer), so text
    // that is all ASCII and differs beyond ASCII case differs.
    !b.is_ascii()
        && !a.is_ascii()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || fold(x) == fold(y))
}

/// Byte offset of `needle` in `haystack`, ignoring case.
pub fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    find_ci_from(haystack, needle, 0)
}

/// [`find_ci`] starting at byte `from` (a character boundary).
fn find_ci_from(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let first = needle.chars().next()?;
    let rest = haystack.get(from..)?;
    let last = rest.len().checked_sub(needle.len())?;
    let matches_at = |i: usize| {
        haystack
            .get(from + i..from + i + needle.len())
            .is_some_and(|s| eq_ci(s, needle))
    };
    if first.is_ascii() {
        // The common case, a byte at a time: an ASCII character starts a match only at a byte of
        // its own (in either case), never inside a longer character.
        let (lower, upper) = (
            first.to_ascii_lowercase() as u8,
            first.to_ascii_uppercase() as u8,
        );
        return rest.as_bytes()[..=last]
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == lower || b == upper)
            .map(|(i, _)| i)
            .find(|&i| matches_at(i))
            .map(|i| from + i);
    }
    let first = fold(first);
    rest.char_indices()
        .take_while(|&(i, _)| i <= last)
        .filter(|&(_, c)| fold(c) == first)
        .map(|(i, _)| i)
        .find(|&i| matches_at(i))
        .map(|i| from + i)
}

/// Whether `text` starts with `prefix`, ignoring case.
pub fn starts_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|s| eq_ci(s, prefix))
}

/// Whether `text` ends with `suffix`, ignoring case.
pub fn ends_ci(text: &str, suffix: &str) -> bool {
    text.len()
        .checked_sub(suffix.len())
        .and_then(|start| text.get(start..))
        .is_some_and(|s| eq_ci(s, suffix))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether no word continues across byte `at` from the left (`at` a character boundary).
fn free_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// Whether no word continues across byte `at` to the right.
fn free_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Where `needle` occurs in `text` from byte `from` on as whole words (ignoring case): a needle
/// that starts or ends with a letter or digit must not continue a word of the text there.
fn find_words_from(text: &str, needle: &str, from: usize) -> Option<usize> {
    let (first, last) = (needle.chars().next()?, needle.chars().next_back()?);
    let mut pos = from;
    while let Some(at) = find_ci_from(text, needle, pos) {
        let end = at + needle.len();
        if (!is_word_char(first) || free_before(text, at))
            && (!is_word_char(last) || free_after(text, end))
        {
            return Some(at);
        }
        pos = at + first.len_utf8();
    }
    None
}

/// Byte offset of `needle` in `text` as whole words, ignoring case.
pub fn find_words(text: &str, needle: &str) -> Option<usize> {
    find_words_from(text, needle, 0)
}

/// Whether `text` starts with the word(s) `prefix`, ignoring case.
pub fn starts_words(text: &str, prefix: &str) -> bool {
    starts_ci(text, prefix)
        && (!prefix.chars().next_back().is_some_and(is_word_char) || free_after(text, prefix.len()))
}

/// Whether `text` ends with the word(s) `suffix`, ignoring case.
pub fn ends_words(text: &str, suffix: &str) -> bool {
    ends_ci(text, suffix)
        && (!suffix.chars().next().is_some_and(is_word_char)
            || free_before(text, text.len() - suffix.len()))
}

/// Where a table phrase occurs in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseAt {
    /// Byte range of the whole match.
    pub start: usize,
    /// End of the match.
    pub end: usize,
    /// For a phrase with a gap ("hat sie eingeladen, … zu folgen"), the byte range between its
    /// two parts.
    pub gap: Option<(usize, usize)>,
}

/// The separator of a phrase with a gap.
const GAP: &str = "…";

/// Finds a table phrase in `text` as whole words, ignoring case. A phrase with a gap matches
/// its part before the `…`, then its part after, later in the text.
pub fn find_phrase(text: &str, phrase: &str) -> Option<PhraseAt> {
    let Some((head, tail)) = phrase.split_once(GAP) else {
        let start = find_words(text, phrase)?;
        return Some(PhraseAt {
            start,
            end: start + phrase.len(),
            gap: None,
        });
    };
    let (head, tail) = (head.trim_end(), tail.trim_start());
    let start = find_words(text, head)?;
    let open = start + head.len();
    let close = find_words_from(text, tail, open)?;
    Some(PhraseAt {
        start,
        end: close + tail.len(),
        gap: Some((open, close)),
    })
}

/// Whether `label` is `word` alone, `word` followed by a space, or (for languages that put
/// the verb last) a space and then `word` at the end ("Einladung von Ana annehmen").
fn is_word_label(label: &str, word: &str) -> bool {
    let label = label.trim();
    let leads = starts_ci(label, word)
        && label[word.len()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
    leads
        || (ends_ci(label, word)
            && label[..label.len() - word.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace))
}

/// Whether `label` is one of the words `pick` takes from any language's table, alone or
/// followed by a space ("Accept", "Accept Ana’s invitation").
fn labelled(label: &str, pick: fn(&Language) -> &'static [&'static str]) -> bool {
    LANGUAGES
        .iter()
        .flat_map(pick)
        .any(|w| is_word_label(label, w))
}

/// Whether a control acts on the whole list ("Accept all", "Tout accepter").
fn is_bulk(label: &str) -> bool {
    let label = label.trim();
    LANGUAGES
        .iter()
        .flat_map(|l| l.bulk)
        .any(|b| starts_words(label, b))
}

/// Whether a control's label is LinkedIn's Accept for one invitation (not "Accept all").
pub fn is_accept_label(label: &str) -> bool {
    !is_bulk(label) && labelled(label, |l| l.accept)
}

/// Whether a control's label is LinkedIn's Ignore for one invitation.
pub fn is_ignore_label(label: &str) -> bool {
    !is_bulk(label) && labelled(label, |l| l.ignore)
}

/// Whether a control's label is a reply or message control.
pub fn is_reply_label(label: &str) -> bool {
    labelled(label, |l| l.reply)
}

/// The code of the language whose Accept or Ignore words this control's label uses ("fr" for
/// "Accepter", "de" for "Einladung von Ana annehmen"), for `data-triage-lang`. A label that
/// names someone in one language's own words ("Ignorar convite de Ana") settles words two
/// languages share ("Ignorar": Spanish and Portuguese); a bare shared word goes to the first
/// table in [`LANGUAGES`] that has it.
pub fn control_language(label: &str) -> Option<&'static str> {
    let label = label.trim();
    if is_bulk(label) {
        return None;
    }
    let controls = |l: &Language| {
        l.accept
            .iter()
            .chain(l.ignore)
            .any(|w| is_word_label(label, w))
    };
    // Among the languages whose words the label uses, the one whose own label shapes it follows
    // furthest: a whole shape with a name in it, else the longest shared start ("Ignorar
    // convite para…" is Portuguese, "Ignorar la invitación…" Spanish).
    let mut best: Option<(&Language, (bool, usize))> = None;
    for l in LANGUAGES.iter().filter(|l| controls(l)) {
        let shared = l
            .name_label_prefixes
            .iter()
            .copied()
            .chain(l.name_label_wraps.iter().map(|(pre, _)| *pre))
            .map(|pre| shared_start(label, pre))
            .max()
            .unwrap_or(0);
        let rank = (name_in_label(l, label).is_some(), shared);
        if best.is_none_or(|(_, b)| rank > b) {
            best = Some((l, rank));
        }
    }
    best.map(|(l, _)| l.code)
}

/// How many characters `a` and `b` share at their start, ignoring case.
fn shared_start(a: &str, b: &str) -> usize {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y || fold(*x) == fold(*y))
        .count()
}

/// Where a headline puts its company, for headlines that do not say "at": the last whole-word
/// "chez", "bei", "en", "presso", "bij"… of any language ("Ingénieur Rust chez Ferrous Labs").
/// The byte range of the separator with its spaces.
pub fn headline_company_at(headline: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for sep in LANGUAGES.iter().flat_map(|l| l.headline_at) {
        let mut from = 0;
        while let Some(at) = find_ci_from(headline, sep, from) {
            if best.is_none_or(|(b, _)| at > b) {
                best = Some((at, at + sep.len()));
            }
            from = at + 1;
            while !headline.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    best
}

/// Whether a headline word (as [`crate::core::matcher::words`] folds it) says nothing about a
/// field in any language ("de", "chez", "und").
pub fn is_headline_stopword(word: &str) -> bool {
    LANGUAGES
        .iter()
        .flat_map(|l| l.headline_stopwords)
        .any(|w| *w == word)
}

/// Whether a control's text is a note's "see more" expander.
pub fn is_see_more(label: &str) -> bool {
    let label = label.trim();
    LANGUAGES
        .iter()
        .flat_map(|l| l.see_more)
        .any(|w| eq_ci(label, w))
}

/// The sentence phrases of every table ([`Language::invites`] and [`Language::kinds`]), by their
/// first word, folded: a line is looked up a word at a time instead of scanned once per phrase
/// (there are about a hundred). Built on first use.
struct SentenceIndex {
    by_first: FxHashMap<String, Vec<Sentence>>,
}

/// One indexed phrase: its language and place in that language's list.
#[derive(Clone, Copy)]
enum Sentence {
    Invite(u16, u16),
    Kind(u16, u16),
}

/// The first word of a phrase (its leading letters and digits), folded.
fn first_word(phrase: &str) -> String {
    phrase
        .chars()
        .take_while(|c| is_word_char(*c))
        .map(fold)
        .collect()
}

fn sentence_index() -> &'static SentenceIndex {
    static INDEX: std::sync::OnceLock<SentenceIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_first: FxHashMap<String, Vec<Sentence>> = FxHashMap::default();
        for (li, l) in LANGUAGES.iter().enumerate() {
            for (pi, p) in l.invites.iter().enumerate() {
                let entry = Sentence::Invite(li as u16, pi as u16);
                by_first.entry(first_word(p)).or_default().push(entry);
            }
            for (pi, (p, _)) in l.kinds.iter().enumerate() {
                let entry = Sentence::Kind(li as u16, pi as u16);
                by_first.entry(first_word(p)).or_default().push(entry);
            }
        }
        SentenceIndex { by_first }
    })
}

/// The phrase `phrase` at byte `at` of `text` (a word start), as whole words; for a phrase with
/// a gap, its second part anywhere later.
fn phrase_at(text: &str, at: usize, phrase: &str) -> Option<PhraseAt> {
    let (head, tail) = match phrase.split_once(GAP) {
        Some((head, tail)) => (head.trim_end(), Some(tail.trim_start())),
        None => (phrase, None),
    };
    let rest = &text[at..];
    let ends_word = head.chars().next_back().is_some_and(is_word_char);
    if !starts_ci(rest, head) || (ends_word && !free_after(text, at + head.len())) {
        return None;
    }
    let open = at + head.len();
    match tail {
        None => Some(PhraseAt {
            start: at,
            end: open,
            gap: None,
        }),
        Some(tail) => {
            let close = find_words_from(text, tail, open)?;
            Some(PhraseAt {
                start: at,
                end: close + tail.len(),
                gap: Some((open, close)),
            })
        }
    }
}

/// Calls `found` for every indexed phrase that occurs in `text`, at its first occurrence, in
/// text order; stops when `found` returns true.
fn each_sentence(text: &str, mut found: impl FnMut(Sentence, PhraseAt) -> bool) {
    let index = sentence_index();
    let mut word = String::new();
    let mut chars = text.char_indices().peekable();
    let mut prev_word = false;
    while let Some((at, c)) = chars.next() {
        let starts = is_word_char(c) && !prev_word;
        prev_word = is_word_char(c);
        if !starts {
            continue;
        }
        word.clear();
        word.push(fold(c));
        while let Some(&(_, n)) = chars.peek() {
            if !is_word_char(n) {
                break;
            }
            word.push(fold(n));
            chars.next();
        }
        let Some(entries) = index.by_first.get(word.as_str()) else {
            continue;
        };
        for &entry in entries {
            let phrase = match entry {
                Sentence::Invite(l, p) => LANGUAGES[l as usize].invites[p as usize],
                Sentence::Kind(l, p) => LANGUAGES[l as usize].kinds[p as usize].0,
            };
            if let Some(m) = phrase_at(text, at, phrase) {
                if found(entry, m) {
                    return;
                }
            }
        }
    }
}

/// Whether a line says a person is inviting the member to connect ("Ana follows you and is
/// inviting you to connect", "Dana möchte Kontakt mit Ihnen aufnehmen").
pub fn is_connect_sentence(text: &str) -> bool {
    let mut yes = false;
    each_sentence(text, |s, _| {
        yes = matches!(s, Sentence::Invite(..));
        yes
    });
    yes
}

/// The kind a line names, with its language and where the phrase is: the first phrase in table
/// order ([`LANGUAGES`], then each table's `kinds`) that the line holds. A line that says a
/// person is inviting the member to connect names no kind, even where its words overlap a
/// kind's ("vous a invité(e) à rejoindre son réseau").
pub fn find_kind(text: &str) -> Option<(&'static Language, Kind, PhraseAt)> {
    let mut best: Option<((u16, u16), PhraseAt)> = None;
    let mut connect = false;
    each_sentence(text, |s, at| {
        match s {
            Sentence::Invite(..) => connect = true,
            Sentence::Kind(l, p) => {
                if best.is_none_or(|(b, _)| (l, p) < b) {
                    best = Some(((l, p), at));
                }
            }
        }
        connect
    });
    if connect {
        return None;
    }
    let ((l, p), at) = best?;
    let lang = &LANGUAGES[l as usize];
    Some((lang, lang.kinds[p as usize].1, at))
}

/// Whether a line says this is an invitation: to connect ("is inviting you to connect",
/// "follows you and is inviting you to connect") or to join, attend, follow or subscribe ("invited
/// you to join …"), in any language.
pub fn is_invitation_sentence(text: &str) -> bool {
    let mut yes = false;
    each_sentence(text, |_, _| {
        yes = true;
        true
    });
    yes
}

/// Whether a line is what LinkedIn shows once an invitation was accepted ("Ana Ruiz is now a
/// connection").
pub fn is_resolved_line(text: &str) -> bool {
    LANGUAGES
        .iter()
        .flat_map(|l| l.resolved)
        .any(|p| find_words(text, p).is_some())
}

/// Whether a line is card furniture ("Message", "…see more", "follows you and is inviting
/// you to connect"). Furniture words count as the whole line only, so a note that says
/// "I'd love to see more of your work" is not furniture.
pub fn is_card_chrome(text: &str) -> bool {
    let text = text.trim();
    LANGUAGES
        .iter()
        .flat_map(|l| l.chrome.iter().chain(l.withdraw))
        .any(|c| eq_ci(text, c))
        || is_see_more(text)
        || is_connect_sentence(text)
}

/// The name in a picture's alt text ("Ana Ruiz’s profile picture"), if it has that shape.
pub fn name_from_alt(alt: &str) -> Option<String> {
    let alt = alt.trim();
    LANGUAGES
        .iter()
        .flat_map(|l| l.alt_wraps)
        .find_map(|(pre, post)| unwrap_ci(alt, pre, post))
}

/// The name in an Accept, Ignore, Reply or Withdraw control's label, if it carries one.
pub fn name_from_aria_label(label: &str) -> Option<String> {
    let label = label.trim();
    LANGUAGES
        .iter()
        .find_map(|l| name_in_label(l, label))
        .or_else(|| name_from_withdraw_label(label))
}

/// The invitee in a Withdraw control's label ("Withdraw invitation sent to Ana Ruiz", the
/// confirm's "Withdrawn invitation sent to Ana Ruiz", "Einladung an Ana zurückziehen").
pub fn name_from_withdraw_label(label: &str) -> Option<String> {
    let label = label.trim();
    LANGUAGES.iter().find_map(|l| withdraw_name_in(l, label))
}

fn withdraw_name_in(l: &Language, label: &str) -> Option<String> {
    l.withdraw_label_wraps
        .iter()
        .find_map(|(pre, post)| unwrap_ci(label, pre, post))
        .or_else(|| {
            l.withdraw_label_prefixes
                .iter()
                .find_map(|pre| unwrap_ci(label, pre, ""))
        })
}

/// Whether a control's label is LinkedIn's Withdraw for one sent invitation, or the
/// confirming control of its dialog ("Withdraw", "Withdraw invitation sent to Ana",
/// "Withdrawn invitation sent to Ana", "Retirer", "Einladung an Ana zurückziehen"); never a
/// Cancel or Dismiss.
pub fn is_withdraw_label(label: &str) -> bool {
    let label = label.trim();
    !is_cancel_label(label)
        && (labelled(label, |l| l.withdraw) || name_from_withdraw_label(label).is_some())
}

/// Whether a dialog control only closes it: Cancel, Dismiss, Close, in any language.
pub fn is_cancel_label(label: &str) -> bool {
    labelled(label, |l| l.cancel)
}

/// The code of the language whose Withdraw words this label uses: a label naming someone in
/// one language's own shape settles a word two languages share ("Retirar": Spanish and
/// Portuguese); a bare shared word goes to the first table that has it.
pub fn withdraw_language(label: &str) -> Option<&'static str> {
    let label = label.trim();
    LANGUAGES
        .iter()
        .find(|l| withdraw_name_in(l, label).is_some())
        .or_else(|| {
            LANGUAGES
                .iter()
                .find(|l| l.withdraw.iter().any(|w| is_word_label(label, w)))
        })
        .map(|l| l.code)
}

/// The name in a control's label, in one language's label shapes (wraps first: they are the
/// more specific).
fn name_in_label(l: &Language, label: &str) -> Option<String> {
    l.name_label_wraps
        .iter()
        .find_map(|(pre, post)| unwrap_ci(label, pre, post))
        .or_else(|| {
            l.name_label_prefixes
                .iter()
                .find_map(|pre| unwrap_ci(label, pre, ""))
        })
}

/// The text between `pre` and `post` when `text` has both (and something in between).
fn unwrap_ci(text: &str, pre: &str, post: &str) -> Option<String> {
    if pre.is_empty() && post.is_empty() {
        return None;
    }
    if text.len() < pre.len() + post.len() || !starts_ci(text, pre) || !ends_ci(text, post) {
        return None;
    }
    let inner = text.get(pre.len()..text.len() - post.len())?.trim();
    (!inner.is_empty()).then(|| inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_told_apart_in_english_and_spanish() {
        assert!(is_accept_label("Accept Ana Ruiz’s invitation"));
        assert!(is_accept_label("Accept"));
        assert!(is_accept_label("Aceptar la invitación de Ana"));
        assert!(!is_accept_label("Accept all"));
        assert!(!is_accept_label("Acceptance testing"));
        assert!(
            is_accept_label("Accept Allison’s invitation"),
            "not “Accept all”"
        );
        assert!(is_ignore_label(
            "Ignore an invitation to connect from Ana Ruiz"
        ));
        assert!(is_ignore_label("Ignorar"));
        assert!(is_reply_label("Reply to Ana Ruiz"));
        assert!(is_reply_label("Message"));
        assert!(!is_reply_label("Messaging"));
        assert!(is_see_more("…see more"));
        assert!(!is_see_more("Show more results"));
    }

    #[test]
    fn controls_in_every_language() {
        for accept in [
            "Accepter",
            "Accepter l’invitation de Léa Martin",
            "Annehmen",
            "Einladung von Jürgen Weiß annehmen",
            "Aceitar",
            "Aceitar convite de João Silva",
            "Accetta",
            "Accetta l’invito di Giulia Bianchi",
            "Accepteren",
            "Uitnodiging van Sanne de Vries accepteren",
            "ACCEPTER",
        ] {
            assert!(is_accept_label(accept), "{accept}");
            assert!(!is_ignore_label(accept), "{accept}");
        }
        for ignore in [
            "Ignorer",
            "Ignorer l’invitation de David Morisi à rejoindre son réseau",
            "Ignorieren",
            "Einladung von Jürgen Weiß ignorieren",
            "Ignorar convite de João Silva",
            "Ignora",
            "Negeren",
            "Uitnodiging van Sanne de Vries negeren",
        ] {
            assert!(is_ignore_label(ignore), "{ignore}");
            assert!(!is_accept_label(ignore), "{ignore}");
        }
        for bulk in [
            "Tout accepter",
            "Alle annehmen",
            "Aceitar todos",
            "Accetta tutti",
            "Alles accepteren",
            "Tout ignorer",
            "Alle ignorieren",
        ] {
            assert!(!is_accept_label(bulk), "{bulk}");
            assert!(!is_ignore_label(bulk), "{bulk}");
            assert_eq!(control_language(bulk), None, "{bulk}");
        }
        // One language's word inside another's is not a match.
        assert!(!is_ignore_label("Ignorare"));
        assert!(!is_accept_label("Acceptez nos conditions"));
        for reply in [
            "Répondre à Léa",
            "Nachricht",
            "Mensagem",
            "Rispondi",
            "Bericht",
        ] {
            assert!(is_reply_label(reply), "{reply}");
        }
        for more in [
            "… voir plus",
            "…mehr",
            "Mehr anzeigen",
            "…ver mais",
            "Mostra altro",
            "…meer",
        ] {
            assert!(is_see_more(more), "{more}");
            assert!(is_card_chrome(more), "{more}");
        }
        assert!(!is_see_more("Mehr"), "the “More” menu is no note expander");
    }

    #[test]
    fn a_control_tells_its_language() {
        for (label, code) in [
            ("Accept", "en"),
            ("Ignore an invitation to connect from Ana", "en"),
            ("Aceptar", "es"),
            ("Ignorar la invitación de Ana", "es"),
            ("Accepter", "fr"),
            (
                "Ignorer l’invitation de David Morisi à rejoindre son réseau",
                "fr",
            ),
            ("Annehmen", "de"),
            ("Einladung von Jürgen Weiß ignorieren", "de"),
            ("Aceitar", "pt"),
            ("Ignorar convite de João Silva", "pt"),
            ("Ignorar convite para participar de Rust São Paulo", "pt"),
            ("Ignorar la invitación para unirte a Rust Madrid", "es"),
            ("Accetta", "it"),
            ("Ignora", "it"),
            ("Accepteren", "nl"),
            ("Uitnodiging van Sanne de Vries negeren", "nl"),
        ] {
            assert_eq!(control_language(label), Some(code), "{label}");
        }
        // A bare word two languages share goes to the first table that has it.
        assert_eq!(control_language("Ignorar"), Some("es"));
        assert_eq!(control_language("Connect"), None);
        assert_eq!(control_language(""), None);
    }

    #[test]
    fn language_codes() {
        assert_eq!(primary_subtag("pt-BR"), "pt");
        assert_eq!(primary_subtag("FR"), "fr");
        assert_eq!(primary_subtag(" de_CH "), "de");
        assert_eq!(primary_subtag(""), "");
        for code in [
            "en", "en-GB", "es-419", "fr", "fr-CA", "de", "pt-BR", "it", "NL",
        ] {
            assert!(is_supported(code), "{code}");
        }
        for code in ["", "tr", "ja-JP", "x"] {
            assert!(!is_supported(code), "{code}");
        }
        assert_eq!(language("pt-BR").map(|l| l.code), Some("pt"));
    }

    #[test]
    fn names_come_out_of_labels_and_alt_texts() {
        assert_eq!(
            name_from_aria_label("Accept Siobhán O'Brien’s invitation").as_deref(),
            Some("Siobhán O'Brien")
        );
        assert_eq!(
            name_from_aria_label("Ignore an invitation to connect from ليلى حداد").as_deref(),
            Some("ليلى حداد")
        );
        assert_eq!(
            name_from_alt("Mia 🚀 Chen’s profile picture").as_deref(),
            Some("Mia 🚀 Chen")
        );
        assert_eq!(
            name_from_alt("Foto de perfil de José Ñúñez").as_deref(),
            Some("José Ñúñez")
        );
        assert_eq!(name_from_alt("’s profile picture"), None);
        assert_eq!(name_from_alt("A mountain"), None);
    }

    #[test]
    fn names_in_every_language() {
        for (label, name) in [
            (
                "Ignorer l’invitation de David Morisi à rejoindre son réseau",
                "David Morisi",
            ),
            ("Accepter l’invitation d’Élodie Durand", "Élodie Durand"),
            ("Accepter l'invitation de Léa Martin", "Léa Martin"),
            ("Einladung von Jürgen Weiß annehmen", "Jürgen Weiß"),
            (
                "Einladung zum Vernetzen von Jürgen Weiß ignorieren",
                "Jürgen Weiß",
            ),
            ("Aceitar convite de João Silva", "João Silva"),
            ("Ignorar o convite de João Silva", "João Silva"),
            ("Accetta l’invito di Giulia Bianchi", "Giulia Bianchi"),
            (
                "Uitnodiging van Sanne de Vries accepteren",
                "Sanne de Vries",
            ),
        ] {
            assert_eq!(
                name_from_aria_label(label).as_deref(),
                Some(name),
                "{label}"
            );
        }
        for (alt, name) in [
            ("Photo de profil de Léa Martin", "Léa Martin"),
            ("Photo de profil d’Élodie Durand", "Élodie Durand"),
            ("Dana Beispiels Profilbild", "Dana Beispiel"),
            ("Hans’ Profilbild", "Hans"),
            ("Foto do perfil de João Silva", "João Silva"),
            ("Foto del profilo di Giulia Bianchi", "Giulia Bianchi"),
            ("Profielfoto van Sanne de Vries", "Sanne de Vries"),
        ] {
            assert_eq!(name_from_alt(alt).as_deref(), Some(name), "{alt}");
        }
        assert_eq!(name_from_alt("Photo de couverture"), None);
    }

    #[test]
    fn chrome_lines_are_recognised() {
        assert!(is_card_chrome(
            "Ana follows you and is inviting you to connect"
        ));
        assert!(is_card_chrome("Message"));
        assert!(!is_card_chrome("Messaging platform engineer"));
        assert!(!is_card_chrome("I’d love to see more of your work"));
        assert!(!is_card_chrome(
            "J’aimerais en savoir plus sur votre équipe"
        ));
        for line in [
            "Léa Martin vous suit et vous invite à rejoindre son réseau",
            "Dana Beispiel möchte Kontakt mit Ihnen aufnehmen",
            "João segue você e está convidando você para se conectar",
            "Giulia ti segue e ti ha invitato a collegarti",
            "Sanne volgt je en nodigt je uit om te connecten",
            "Accepter",
            "Nachricht",
        ] {
            assert!(is_card_chrome(line), "{line}");
        }
    }

    #[test]
    fn invitation_and_resolved_sentences() {
        for line in [
            "Mia Chen follows you and is inviting you to connect",
            "Mia Chen is inviting you to connect",
            "Ana Ruiz invited you to join Rust Amsterdam",
            "Ana te ha invitado a unirte a Rust Madrid",
            "Léa vous a invité(e) à suivre Acme",
            "Léa Martin vous suit et vous invite à rejoindre son réseau",
            "hat Sie eingeladen, Lebensraum Schweiz AG zu folgen",
            "Dana Beispiel möchte Kontakt mit Ihnen aufnehmen",
            "João convidou você para seguir Acme",
            "João segue você e está convidando você para se conectar",
            "Giulia ti ha invitato a partecipare a RustLab",
            "Giulia ti segue e ti ha invitato a collegarti",
            "Sanne heeft je uitgenodigd om Acme te volgen",
            "Sanne volgt je en nodigt je uit om te connecten",
        ] {
            assert!(is_invitation_sentence(line), "{line}");
        }
        for line in ["Rust engineer at Ferrous", "3 weeks ago", "Invitations", ""] {
            assert!(!is_invitation_sentence(line), "{line}");
        }
        for line in [
            "Ana Ruiz is now a connection",
            "Léa Martin fait maintenant partie de vos relations",
            "Jürgen Weiß ist jetzt ein Kontakt",
            "João Silva agora é uma conexão",
            "Giulia Bianchi è ora un collegamento",
            "Sanne de Vries is nu een connectie",
        ] {
            assert!(is_resolved_line(line), "{line}");
        }
        assert!(!is_resolved_line("Ana Ruiz and 3 other mutual connections"));
    }

    #[test]
    fn case_insensitive_search_respects_char_boundaries() {
        assert_eq!(find_ci("Ñandú MUTUAL", "mutual"), Some(8));
        assert_eq!(find_ci("é", "x"), None);
        assert!(ends_ci("Ana’s INVITATION", "’s invitation"));
        // Accented capitals fold, and a match is exactly as long as the phrase.
        assert!(eq_ci("À L’INSTANT", "à l’instant"));
        assert!(eq_ci("ÉCRIT", "écrit"));
        assert!(!eq_ci("ecrit", "écrit"));
        assert_eq!(
            find_ci(
                "Léa VOUS A INVITÉ(E) À SUIVRE Acme",
                "vous a invité(e) à suivre"
            ),
            Some(5)
        );
        assert!(starts_ci("Há 1 semana", "há"));
        assert!(starts_ci("HÁ 1 SEMANA", "há"));
        // Letters whose lowercase changes length are compared as they are, never misaligned.
        assert!(!eq_ci("İ", "i"));
        assert!(eq_ci("ẞ", "ẞ"));
        assert_eq!(find_ci("xİy", "y"), Some(3));
    }

    #[test]
    fn whole_words_and_gaps() {
        assert_eq!(find_words("savoir plus", "voir plus"), None);
        assert_eq!(find_words("voir plus", "voir plus"), Some(0));
        assert_eq!(find_words("Ana et Bo", " et "), Some(3));
        let text = "Gino hat Sie eingeladen, der Gruppe Rust Berlin beizutreten.";
        let at = find_phrase(text, "hat sie eingeladen, … beizutreten").unwrap();
        let (a, b) = at.gap.unwrap();
        assert_eq!(text[a..b].trim(), "der Gruppe Rust Berlin");
        assert_eq!(
            &text[at.start..at.end],
            "hat Sie eingeladen, der Gruppe Rust Berlin beizutreten"
        );
        assert_eq!(find_phrase(text, "hat sie eingeladen, … zu folgen"), None);
        assert!(starts_words("Envoyée il y a", "envoyée"));
        assert!(!starts_words("Envoyées", "envoyée"));
        assert!(ends_words("3 Wochen gesendet", "gesendet"));
        assert!(!ends_words("3 Wochenausgesendet", "gesendet"));
    }

    #[test]
    fn the_sentence_index_agrees_with_a_scan_of_every_phrase() {
        for l in LANGUAGES {
            for p in l.invites.iter().chain(l.kinds.iter().map(|(p, _)| p)) {
                assert!(!first_word(p).is_empty(), "{}: {p}", l.code);
            }
        }
        let lines = [
            "Ana invited you to join Rust Amsterdam",
            "Léa vous a invité(e) à rejoindre son réseau",
            "Gino hat Sie eingeladen, der Gruppe Rust Berlin beizutreten",
            "Sanne heeft je uitgenodigd om Acme te volgen",
            "Rust engineer at Ferrous",
            "is inviting you to connect",
            "xinvited you to join",
        ];
        for line in lines {
            let scanned = LANGUAGES.iter().find_map(|l| {
                l.kinds
                    .iter()
                    .find_map(|(p, k)| find_phrase(line, p).map(|at| (l.code, *k, at)))
            });
            let connect = LANGUAGES
                .iter()
                .flat_map(|l| l.invites)
                .any(|p| find_words(line, p).is_some());
            let indexed = find_kind(line).map(|(l, k, at)| (l.code, k, at));
            assert_eq!(indexed, scanned.filter(|_| !connect), "{line}");
            assert_eq!(is_connect_sentence(line), connect, "{line}");
        }
    }

    #[test]
    fn headlines_put_the_company_after_their_own_word() {
        for (headline, company) in [
            ("Ingénieur Rust chez Ferrous Labs", "Ferrous Labs"),
            (
                "Senior Rust- en WebAssembly-engineer bij Ferrous Labs",
                "Ferrous Labs",
            ),
            ("Ingeniero de software en Ferrous Labs", "Ferrous Labs"),
            ("Engenheira de dados na Ferrous Labs", "Ferrous Labs"),
            ("Entwicklerin bei Ferrous Labs", "Ferrous Labs"),
            ("Ingegnere presso Ferrous Labs", "Ferrous Labs"),
        ] {
            let (_, end) = headline_company_at(headline).unwrap_or_else(|| panic!("{headline}"));
            assert_eq!(&headline[end..], company, "{headline}");
        }
        assert_eq!(headline_company_at("Rust engineer, open source"), None);
        assert!(is_headline_stopword("de") && is_headline_stopword("chez"));
        assert!(!is_headline_stopword("rust"));
    }

    #[test]
    fn withdraw_controls_and_their_names_in_every_language() {
        for (label, name, code) in [
            (
                "Withdraw invitation sent to Ana Ruiz",
                Some("Ana Ruiz"),
                "en",
            ),
            (
                "Withdrawn invitation sent to Ana Ruiz",
                Some("Ana Ruiz"),
                "en",
            ),
            ("Withdraw", None, "en"),
            (
                "Retirar invitación enviada a Lucía Pérez",
                Some("Lucía Pérez"),
                "es",
            ),
            (
                "Retirer l’invitation envoyée à Élodie Marchand",
                Some("Élodie Marchand"),
                "fr",
            ),
            ("Retirer", None, "fr"),
            (
                "Einladung an Jürgen Weiß zurückziehen",
                Some("Jürgen Weiß"),
                "de",
            ),
            (
                "An Jürgen Weiß gesendete Einladung zurückziehen",
                Some("Jürgen Weiß"),
                "de",
            ),
            ("Zurückziehen", None, "de"),
            (
                "Retirar convite enviado para João Silva",
                Some("João Silva"),
                "pt",
            ),
            (
                "Ritira l’invito inviato a Giulia Bianchi",
                Some("Giulia Bianchi"),
                "it",
            ),
            (
                "Uitnodiging verzonden aan Sanne de Vries intrekken",
                Some("Sanne de Vries"),
                "nl",
            ),
        ] {
            assert!(is_withdraw_label(label), "{label}");
            assert_eq!(name_from_withdraw_label(label).as_deref(), name, "{label}");
            assert_eq!(withdraw_language(label), Some(code), "{label}");
        }
        for label in [
            "Cancel",
            "Dismiss",
            "Annuler",
            "Abbrechen",
            "Accept",
            "Pending, click to withdraw invitation sent to Ana",
            "Withdrawal policy",
        ] {
            assert!(!is_withdraw_label(label), "{label}");
        }
        assert!(is_cancel_label("Cancel") && is_cancel_label("Dismiss"));
        assert_eq!(
            name_from_aria_label("Withdraw invitation sent to Ana Ruiz").as_deref(),
            Some("Ana Ruiz")
        );
        assert!(is_card_chrome("Withdraw") && is_card_chrome("Retirer"));
    }

    #[test]
    fn every_table_is_written_in_lowercase_and_trimmed_where_it_matters() {
        for l in LANGUAGES {
            let lists = [
                l.accept,
                l.ignore,
                l.reply,
                l.withdraw,
                l.withdraw_label_prefixes,
                l.cancel,
                l.bulk,
                l.see_more,
                l.invites,
                l.resolved,
                l.chrome,
                l.honorifics,
                l.mutual.markers,
                l.mutual.others,
                l.age.prefixes,
                l.age.suffixes,
                l.age.today,
                l.age.yesterday,
                l.age.before,
                l.age.after,
                l.age.one,
            ];
            for phrase in lists.iter().flat_map(|p| p.iter()) {
                assert_eq!(phrase.to_lowercase(), **phrase, "{}: {phrase}", l.code);
                assert!(!phrase.is_empty(), "{}", l.code);
            }
            for (phrase, _) in l.kinds {
                assert_eq!(phrase.to_lowercase(), *phrase, "{}: {phrase}", l.code);
            }
            for (unit, _) in l.age.units {
                assert_eq!(unit.to_lowercase(), *unit, "{}: {unit}", l.code);
            }
        }
    }
}
