//! The user's settings: a versioned schema with defaults, validation that names the field,
//! and migration of older documents.

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::core::matcher::profile_slug;
use crate::core::respond::PLACEHOLDERS;

/// Reads a struct as a map, so that every key the document has is seen, whatever the
/// deserializer (a reader that looked up only the known field names would drop a misspelt or
/// foreign field, `"acept_at"` or a different file altogether, without a word). As a map, each
/// unknown field is refused by name (`deny_unknown_fields`).
struct AsMap<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for AsMap<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Serde for the settings structs: derived (as `remote = "Self"`, i.e. inherent functions),
/// read through [`AsMap`].
macro_rules! serde_as_map {
    ($($t:ident),*) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $t::deserialize(AsMap(deserializer))
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $t::serialize(self, serializer)
            }
        }
    )*};
}
serde_as_map!(Settings, Reminder, Rules, Weights, Templates, Batch, History, Sent);

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 4;

/// Everything the user can set. The wasm reads it by hand (`core::settings_json`): a field
/// added here gets its name and its arm there too, or that module's test says which is missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct Settings {
    /// Schema version of this document. Documents without one predate versioning (0).
    #[serde(default)]
    pub version: u32,
    /// The user's name, for `{my_name}` in messages.
    pub my_name: String,
    /// Whether the account is Premium (300-character notes instead of 200).
    pub premium: bool,
    /// The scoring rules.
    pub rules: Rules,
    /// Message templates.
    pub templates: Templates,
    /// Invitations to accept per week at most (0: no budget); the popup shows progress.
    pub weekly_budget: u32,
    /// The weekly review reminder.
    pub reminder: Reminder,
    /// Quiet mode: nothing is added to LinkedIn's page (no badges, no attributes); the panel
    /// and popup show the triage. Since schema 3.
    pub quiet: bool,
    /// Batch accept. Since schema 3.
    pub batch: Batch,
    /// The decisions log. Since schema 3.
    pub history: History,
    /// The invitations the user sent (the Sent tab). Since schema 4.
    pub sent: Sent,
}

/// The invitations the user sent: when to suggest withdrawing one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct Sent {
    /// An invitation pending longer than this many days gets a "withdraw?" suggestion (most
    /// acceptances come within a week).
    pub withdraw_after_days: u32,
}

impl Default for Sent {
    fn default() -> Self {
        Sent {
            withdraw_after_days: DEFAULT_WITHDRAW_AFTER_DAYS,
        }
    }
}

/// When a sent invitation gets a "withdraw?" suggestion by default, in days.
pub const DEFAULT_WITHDRAW_AFTER_DAYS: u32 = 30;
/// The longest `sent.withdraw_after_days` allowed: LinkedIn drops invitations left pending for
/// about six months.
pub const MAX_WITHDRAW_AFTER_DAYS: u32 = 180;

/// Batch accept: how it paces itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct Batch {
    /// The pause between two accepts, chosen at random in `[min, max]` milliseconds.
    pub pace_ms: [u32; 2],
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            pace_ms: [2000, 5000],
        }
    }
}

/// The decisions log (storage.local `history`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct History {
    /// Entries older than this many days are deleted.
    pub retention_days: u32,
}

impl Default for History {
    fn default() -> Self {
        History {
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

/// The shortest pause between two accepts of a batch, in milliseconds.
pub const MIN_PACE_MS: u32 = 300;
/// The longest pause between two accepts of a batch, in milliseconds.
pub const MAX_PACE_MS: u32 = 60_000;
/// How long the decisions log keeps an entry by default, in days.
pub const DEFAULT_RETENTION_DAYS: u32 = 365;
/// The longest retention the decisions log allows, in days (ten years).
pub const MAX_RETENTION_DAYS: u32 = 3650;

/// An opt-in weekly notification to review the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct Reminder {
    /// Whether the reminder is on.
    pub enabled: bool,
    /// Day of the week: 0 Sunday … 6 Saturday.
    pub weekday: u8,
    /// Hour of the day, 0–23, local time.
    pub hour: u8,
}

impl Default for Reminder {
    fn default() -> Self {
        Reminder {
            enabled: false,
            weekday: 5,
            hour: 9,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SCHEMA_VERSION,
            my_name: String::new(),
            premium: false,
            rules: Rules::default(),
            templates: Templates::default(),
            weekly_budget: 30,
            reminder: Reminder::default(),
            quiet: false,
            batch: Batch::default(),
            history: History::default(),
            sent: Sent::default(),
        }
    }
}

/// What the scorer weighs. Lists are phrases matched on whole words, case-insensitively; a
/// trailing `*` matches word beginnings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct Rules {
    /// Every score starts here.
    pub base: i32,
    /// Scores at or above this are Accept.
    pub accept_at: u32,
    /// Scores at or above this (and below `accept_at`) are Review; below it, Ignore.
    pub review_at: u32,
    /// Words of the user's field. Empty: taken from the user's own headline when the page shows it.
    pub field_keywords: Vec<String>,
    /// The user's companies, past and present. Empty: taken from the own headline ("… at X").
    pub companies: Vec<String>,
    /// The user's schools.
    pub schools: Vec<String>,
    /// Profiles always accepted: profile links or slugs ([`profile_slug`]), never names (a
    /// display name can be copied by anyone). Since schema 2.
    pub always_accept: Vec<String>,
    /// Display names that add [`Weights::trusted_name`] points: a hint, never an accept on its
    /// own, since anyone can copy a name. Names from an older always-accept list land here.
    pub trusted_names: Vec<String>,
    /// Names, profile links or slugs always ignored.
    pub always_ignore: Vec<String>,
    /// Sales-pitch phrases (notes and headlines).
    pub sales_phrases: Vec<String>,
    /// Scam and spam patterns: money promises, moving off LinkedIn (WhatsApp, Telegram, a private
    /// email), fake job offers, MLM, romance openers. Patterns, not topic words.
    pub spam_phrases: Vec<String>,
    /// Open-networker markers.
    pub open_networker_phrases: Vec<String>,
    /// Recruiter markers in headlines.
    pub recruiter_phrases: Vec<String>,
    /// Note phrases that say how the sender knows the user ("we met", "worked together").
    pub context_phrases: Vec<String>,
    /// Note phrases that show the sender knows the user's work ("your talk", "your post").
    pub interest_phrases: Vec<String>,
    /// Notes that are LinkedIn's stock text or a mass invite.
    pub generic_notes: Vec<String>,
    /// Days after which an invitation counts as stale.
    pub stale_days: u32,
    /// Points per signal.
    pub weights: Weights,
    // Added in schema 2 with the real corpus (issue 13); a document without them reads the
    // defaults.
    /// Note phrases that say the sender shares a community or group with the user ("we are both
    /// members of", "fellow alum"): a weaker sign than having met.
    pub community_phrases: Vec<String>,
    /// Sales and business-development markers in headlines: shown, and a nudge down by
    /// default (30 mutual connections alone accept; a seller with them is worth a look).
    pub seller_phrases: Vec<String>,
}

/// Points each signal adds (negative: takes away).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct Weights {
    /// Most points mutual connections can give; the curve is graded, never a cliff.
    pub mutual_max: i32,
    /// Mutual connections at which half of `mutual_max` is reached.
    pub mutual_half: u32,
    /// Points when there are no mutual connections.
    pub no_mutual: i32,
    /// A personal note.
    pub note: i32,
    /// A note that says how the sender knows the user.
    pub note_context: i32,
    /// A note that shows the sender knows the user's work.
    pub note_interest: i32,
    /// A note that mentions the user's field.
    pub note_field: i32,
    /// A stock or mass note.
    pub generic_note: i32,
    /// Headline or target in the user's field (two or more field words).
    pub field: i32,
    /// Same company.
    pub company: i32,
    /// Same school.
    pub school: i32,
    /// On the always-accept list (the invitation's profile is listed).
    pub always_accept: i32,
    /// On the always-ignore list.
    pub always_ignore: i32,
    /// The display name is on the trusted-names list (not verified: names can be copied).
    pub trusted_name: i32,
    /// A sales pitch.
    pub sales: i32,
    /// Scam or spam.
    pub spam: i32,
    /// An open networker.
    pub open_networker: i32,
    /// A recruiter (neutral by default, shown so the user can weigh it).
    pub recruiter: i32,
    /// No photo.
    pub no_photo: i32,
    /// Empty or placeholder headline.
    pub no_headline: i32,
    /// Waiting longer than `stale_days`.
    pub stale: i32,
    /// Invited before, and the user ignored or declined it then.
    pub repeat_inviter: i32,
    // Added in schema 3 with the real corpus (issue 13).
    /// A note that names a community or group the sender shares with the user.
    pub note_community: i32,
    /// The text model at full confidence that a note reads like a pitch, spam or a scam
    /// (`core::textmodel`); scaled down as it is less sure. 0 turns it off.
    pub text_model: i32,
    /// A sales or business-development headline.
    pub seller: i32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            mutual_max: 40,
            mutual_half: 10,
            no_mutual: -5,
            note: 8,
            note_context: 15,
            note_interest: 5,
            note_field: 6,
            generic_note: -4,
            field: 16,
            company: 14,
            school: 8,
            always_accept: 100,
            always_ignore: -100,
            trusted_name: 15,
            sales: -35,
            spam: -60,
            open_networker: -20,
            recruiter: 0,
            no_photo: -10,
            no_headline: -10,
            stale: -5,
            repeat_inviter: -15,
            note_community: 5,
            text_model: -25,
            seller: -5,
        }
    }
}

/// Default [`Rules::seller_phrases`].
const SELLER_PHRASES: &[&str] = &[
    "sales",
    "business development",
    "business developer",
    "account executive",
    "account director",
    "bdr",
    "sdr",
    "ventas",
    "desarrollo de negocio",
    "ventes",
    "développement commercial",
    "vertrieb",
    "geschäftsentwicklung",
    "vendas",
    "desenvolvimento de negócios",
    "vendite",
    "sviluppo commerciale",
    "verkoop",
];

/// Default [`Rules::community_phrases`].
const COMMUNITY_PHRASES: &[&str] = &[
    "both members of",
    "we are both members",
    "we're both members",
    "both in the",
    "fellow member",
    "fellow alum",
    "fellow alumni",
    "fellow alumnus",
    "same group",
    "in your group",
    "in the group",
    "our group",
    "same community",
    "our community",
    "your community",
    "same program",
    "same cohort",
    "connecting from",
    // Spanish
    "mismo grupo",
    "miembros de",
    "la misma comunidad",
    "compañero de promoción",
    // French
    "même groupe",
    "membres de",
    "même communauté",
    "ancien élève",
    "ancienne élève",
    // German
    "gleichen gruppe",
    "selben gruppe",
    "mitglied in",
    "mitglieder der",
    "gleichen community",
    // Portuguese (Brazil)
    "mesmo grupo",
    "membros do",
    "membros da",
    "mesma comunidade",
    // Italian
    "stesso gruppo",
    "membri di",
    "stessa community",
    // Dutch
    "zelfde groep",
    "dezelfde groep",
    "lid van",
    "leden van",
];

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            base: 40,
            accept_at: 70,
            review_at: 35,
            field_keywords: vec![],
            companies: vec![],
            schools: vec![],
            always_accept: vec![],
            trusted_names: vec![],
            always_ignore: vec![],
            sales_phrases: strings(&[
                "quick call",
                "quick chat",
                "book a meeting",
                "book a call",
                "schedule a call",
                "hop on a call",
                "15 minutes",
                "15 min",
                "lead generation",
                "lead gen",
                "qualified leads",
                "appointment setting",
                "grow your business",
                "scale your",
                "our agency",
                "our services",
                "my services",
                "offshore",
                "outsourc*",
                "white label",
                "dedicated developers",
                "per hour",
                "cold email",
                "cold outreach",
                "free audit",
                "free consultation",
                "demo of our",
                "partnership opportunity",
                "i help founders",
                "i help companies",
                "i help agencies",
                "i help coaches",
                "10x your",
                "roi",
                "b2b sales",
                "growth hacking",
                "done for you",
                "increase your revenue",
                "boost your sales",
                "marketing agency",
                "seo services",
                // Spanish
                "llamada rápida",
                "una breve llamada",
                "agendar una reunión",
                "agendar una llamada",
                "generación de leads",
                "leads cualificados",
                "nuestra agencia",
                "nuestros servicios",
                "mis servicios",
                "auditoría gratuita",
                "consultoría gratuita",
                "aumentar tus ventas",
                "aumentar su facturación",
                // French
                "appel rapide",
                "un rapide appel",
                "un court appel",
                "prendre rendez-vous",
                "génération de leads",
                "prospects qualifiés",
                "rendez-vous qualifiés",
                "développer votre activité",
                "augmenter votre chiffre d'affaires",
                "notre agence",
                "nos services",
                "mes services",
                "audit gratuit",
                "démo gratuite",
                "opportunité de partenariat",
                // German
                "kurzes telefonat",
                "kurzer call",
                "kurzes gespräch",
                "termin vereinbaren",
                "leadgenerierung",
                "qualifizierte leads",
                "neukundengewinnung",
                "unsere agentur",
                "unsere dienstleistungen",
                "meine dienstleistungen",
                "kostenlose beratung",
                "kostenloses erstgespräch",
                "umsatz steigern",
                // Portuguese (Brazil)
                "ligação rápida",
                "conversa rápida",
                "agendar uma reunião",
                "agendar uma call",
                "geração de leads",
                "leads qualificados",
                "nossa agência",
                "nossos serviços",
                "meus serviços",
                "consultoria gratuita",
                "aumentar suas vendas",
                "aumentar seu faturamento",
                "oportunidade de parceria",
                // Italian
                "chiamata veloce",
                "breve chiamata",
                "call veloce",
                "fissare un appuntamento",
                "generazione di lead",
                "lead qualificati",
                "la nostra agenzia",
                "i nostri servizi",
                "i miei servizi",
                "consulenza gratuita",
                "aumentare il fatturato",
                "aumentare le vendite",
                "opportunità di partnership",
                // Dutch
                "kort belletje",
                "afspraak inplannen",
                "leadgeneratie",
                "gekwalificeerde leads",
                "ons bureau",
                "onze diensten",
                "mijn diensten",
                "gratis adviesgesprek",
                "omzet verhogen",
                "meer omzet",
                "samenwerkingsmogelijkheid",
            ]),
            spam_phrases: strings(&[
                // Scam patterns, not topic words: a note about a crypto topic is not a scam.
                "crypto trading",
                "crypto signals",
                "crypto investment",
                "invest in crypto",
                "cryptocurrency trading",
                "cryptocurrency investment",
                "bitcoin investment",
                "bitcoin trading",
                "invest in bitcoin",
                "forex trading",
                "forex signals",
                "binary options",
                "trading signals",
                "passive income",
                "financial freedom",
                "investment opportunity",
                "guaranteed returns",
                "guaranteed profit",
                "mlm",
                "network marketing",
                "be your own boss",
                "side hustle",
                "make money online",
                "work from home",
                "recover your funds",
                "fund recovery",
                "army doctor",
                "un peacekeeping",
                "peacekeeping mission",
                "widowed",
                "widow",
                "serious relationship",
                "you seem kind",
                "honest and caring",
                "god fearing",
                "sugar mummy",
                "whatsapp me",
                "text me on whatsapp",
                "telegram me",
                "claim your airdrop",
                "free airdrop",
                "airdrop hunter",
                "contact me on whatsapp",
                "message me on whatsapp",
                "chat me on whatsapp",
                "add me on whatsapp",
                "my whatsapp",
                "whatsapp number",
                "chat whatsapp com",
                "contact me on telegram",
                "message me on telegram",
                "my telegram",
                "my private email",
                "my private e mail",
                "my personal email",
                "hello dear",
                "hi dear",
                "registration fee",
                "training fee",
                "processing fee",
                "earn daily",
                "daily profit",
                "weekly profit",
                "easy money",
                "double your money",
                "forex trader",
                // Spanish
                "ingresos pasivos",
                "libertad financiera",
                "oportunidad de inversión",
                "rentabilidad garantizada",
                "ganancias garantizadas",
                "ganar dinero desde casa",
                "trabajar desde casa",
                "invertir en criptomonedas",
                "trading de criptomonedas",
                "correo privado",
                "contáctame por whatsapp",
                "marketing multinivel",
                "sé tu propio jefe",
                "recuperar tus fondos",
                "escríbeme por whatsapp",
                "relación seria",
                "viuda",
                "viudo",
                // French
                "revenu passif",
                "revenus passifs",
                "liberté financière",
                "opportunité d'investissement",
                "rendement garanti",
                "rendements garantis",
                "profit garanti",
                "gagner de l'argent en ligne",
                "travail à domicile",
                "investir dans la crypto",
                "trading de crypto",
                "mon email privé",
                "mon adresse e mail personnelle",
                "marketing de réseau",
                "devenez votre propre patron",
                "récupérer vos fonds",
                "écrivez-moi sur whatsapp",
                "contactez-moi sur whatsapp",
                "relation sérieuse",
                "veuve",
                // German
                "passives einkommen",
                "finanzielle freiheit",
                "investitionsmöglichkeit",
                "garantierte rendite",
                "garantierter gewinn",
                "online geld verdienen",
                "von zu hause arbeiten",
                "in krypto investieren",
                "krypto trading",
                "meine private e mail",
                "sein eigener chef",
                "dein eigener chef",
                "schreib mir auf whatsapp",
                "ernsthafte beziehung",
                "verwitwet",
                "witwe",
                // Portuguese (Brazil)
                "renda passiva",
                "liberdade financeira",
                "oportunidade de investimento",
                "retorno garantido",
                "lucro garantido",
                "ganhar dinheiro online",
                "trabalhe de casa",
                "investir em criptomoedas",
                "trade de criptomoedas",
                "meu e mail privado",
                "meu email privado",
                "e mail privado",
                "marketing multinível",
                "seja seu próprio chefe",
                "recuperar seus fundos",
                "me chame no whatsapp",
                "relacionamento sério",
                "viúva",
                "viúvo",
                // Italian
                "reddito passivo",
                "rendita passiva",
                "libertà finanziaria",
                "opportunità di investimento",
                "rendimento garantito",
                "profitto garantito",
                "guadagnare online",
                "guadagnare da casa",
                "lavoro da casa",
                "investire in criptovalute",
                "trading di criptovalute",
                "la mia email privata",
                "marketing multilivello",
                "recuperare i tuoi fondi",
                "scrivimi su whatsapp",
                "relazione seria",
                "vedova",
                "vedovo",
                // Dutch
                "passief inkomen",
                "financiële vrijheid",
                "investeringsmogelijkheid",
                "gegarandeerd rendement",
                "gegarandeerde winst",
                "online geld verdienen",
                "vanuit huis werken",
                "investeren in crypto",
                "crypto handelen",
                "mijn privé e mail",
                "netwerkmarketing",
                "je eigen baas",
                "je geld terugkrijgen",
                "stuur me een bericht op whatsapp",
                "serieuze relatie",
                "weduwe",
                "weduwnaar",
            ]),
            open_networker_phrases: strings(&[
                "lion",
                "open networker",
                "i accept all invites",
                "i accept all invitations",
                "accept all invites",
                "toplinked",
                "never idk",
                "no idk",
            ]),
            recruiter_phrases: strings(&[
                "recruit*",
                "talent acquisition",
                "talent partner",
                "headhunt*",
                "sourcer",
                "technical sourcing",
                "executive search",
                "staffing",
                "recrut*",
                "reclut*",
                "personalberater",
                "personalvermittlung",
                "werving en selectie",
                "selezione del personale",
            ]),
            context_phrases: strings(&[
                "we met",
                "met you",
                "nice meeting",
                "great meeting",
                "good to meet",
                "pleasure meeting",
                "great to meet",
                "nice to meet",
                "worked together",
                "worked with you",
                "working with you",
                "work with you at",
                "colleague",
                "colleagues",
                "classmate",
                "studied together",
                "same team",
                "your intern",
                "your team",
                "we spoke",
                "we talked",
                "we chatted",
                "great chatting",
                "referred",
                "introduced me",
                "suggested i reach out",
                "recommended i reach out",
                "remember me",
                "reviewing my pr",
                "thanks for your help",
                "thank you for your help",
                "mentoring me",
                "great talking",
                "great to talk",
                "nice talking",
                "good talking",
                "lovely talking",
                "great speaking",
                "talking to you at",
                "talking with you at",
                "talked to you at",
                "spoke with you at",
                "meeting you at",
                "met you at",
                "great seeing you",
                "good to see you at",
                "stopping by our",
                "stopped by our",
                "came by our",
                "visiting our booth",
                "our discussion",
                "our conversation",
                "our chat",
                "our call",
                "the one we did",
                "we organized",
                "we organised",
                "organizing together",
                "weren't already connected",
                "were not already connected",
                "not already connected",
                "recommended i connect",
                "suggested i connect",
                "recommended i reach out",
                "recommended that i reach out",
                "he recommended",
                "she recommended",
                "school together",
                "friends in school",
                "thanks for your support",
                "thank you for your support",
                // Spanish
                "fue un placer conocerte",
                "un gusto conocerte",
                "gusto hablar contigo",
                "encantado de hablar",
                "encantada de hablar",
                "hablamos en",
                "conversamos en",
                "coincidimos en",
                "nos vimos en",
                "nos conocimos",
                "encantado de conocerte",
                "encantada de conocerte",
                "trabajamos juntos",
                "trabajamos juntas",
                "trabajé contigo",
                "excompañero",
                "excompañera",
                "compañero de trabajo",
                "compañera de trabajo",
                "colega",
                "colegas",
                "mismo equipo",
                "estudiamos juntos",
                "compañero de clase",
                "nuestra conversación",
                // French
                "nous nous sommes rencontr*",
                "on s'est rencontr*",
                "ravi de vous avoir rencontré",
                "ravie de vous avoir rencontré",
                "nous avons travaillé ensemble",
                "on a travaillé ensemble",
                "travaillé avec vous",
                "travaillé avec toi",
                "ancien collègue",
                "ancienne collègue",
                "collègue",
                "collègues",
                "même équipe",
                "étudié ensemble",
                "même promo",
                "camarade de promo",
                "suite à notre échange",
                "suite à notre conversation",
                "ravi d'avoir échangé",
                "ravie d'avoir échangé",
                "nous avons échangé",
                "on a échangé",
                "nous avons discuté",
                "on a discuté",
                "nous nous sommes croisés",
                "on s'est croisés",
                // German
                "kennengelernt",
                "zusammengearbeitet",
                "zusammen gearbeitet",
                "ehemaliger kollege",
                "ehemalige kollegin",
                "kollege",
                "kollegin",
                "kollegen",
                "im selben team",
                "im gleichen team",
                "zusammen studiert",
                "kommilitone",
                "kommilitonin",
                "nach unserem gespräch",
                "unser gespräch",
                "haben uns getroffen",
                "wir haben gesprochen",
                "unseren austausch",
                "unserem austausch",
                // Portuguese (Brazil)
                "nos conhecemos",
                "prazer em conhecer",
                "trabalhamos juntos",
                "trabalhamos juntas",
                "trabalhei com você",
                "ex-colega",
                "colega de trabalho",
                "mesma equipe",
                "mesmo time",
                "estudamos juntos",
                "colega de turma",
                "nossa conversa",
                "nossa reunião",
                "prazer conversar",
                "bom conversar",
                "conversamos no",
                "conversamos na",
                "nos falamos",
                "nos vimos",
                "nos encontramos",
                // Italian
                "ci siamo conosciuti",
                "ci siamo conosciute",
                "piacere di averti conosciuto",
                "abbiamo lavorato insieme",
                "lavorato insieme",
                "ho lavorato con te",
                "ex collega",
                "collega",
                "colleghi",
                "stesso team",
                "stessa squadra",
                "abbiamo studiato insieme",
                "compagno di corso",
                "compagna di corso",
                "la nostra chiacchierata",
                "piacere di conoscerti",
                "abbiamo parlato",
                "ci siamo visti",
                "ci siamo incontrati",
                // Dutch
                "elkaar ontmoet",
                "leuk je te ontmoeten",
                "leuk je ontmoet te hebben",
                "samengewerkt",
                "samen gewerkt",
                "oud-collega",
                "oud-collega's",
                "collega's",
                "zelfde team",
                "hetzelfde team",
                "samen gestudeerd",
                "studiegenoot",
                "jaargenoot",
                "ons gesprek",
                "leuk je gesproken",
                "we spraken",
                "hebben gesproken",
                "elkaar gesproken",
                "elkaar gezien",
            ]),
            interest_phrases: strings(&[
                "your talk",
                "your post",
                "your article",
                "your blog",
                "your crate",
                "your library",
                "your project",
                "your work on",
                "your pr",
                "your pull request",
                "saw you speak",
                "your paper",
                "your book",
                "your newsletter",
                "your video",
                "tu charla",
                "tu artículo",
                "tu publicación",
                "votre conférence",
                "votre article",
                "votre publication",
                "votre post",
                "ihren vortrag",
                "ihren beitrag",
                "deinen vortrag",
                "deinen beitrag",
                "deinen post",
                "sua palestra",
                "seu artigo",
                "seu post",
                "il tuo intervento",
                "il tuo articolo",
                "il tuo post",
                "je presentatie",
                "je artikel",
                "jouw artikel",
            ]),
            generic_notes: strings(&[
                "i'd like to add you to my professional network",
                "i'd like to join your linkedin network",
                "i would like to add you to my professional network",
                "i would like to join your network",
                "let's connect",
                "lets connect",
                "looking forward to connecting",
                "expand my network",
                "grow my network",
                "me gustaría añadirte a mi red profesional",
                "me gustaría agregarte a mi red profesional",
                "añadirte a mi red profesional",
                "agregarte a mi red profesional",
                "me gustaría contactar contigo",
                "ampliar mi red",
                "rejoindre mon réseau professionnel",
                "vous inviter à rejoindre mon réseau",
                "vous ajouter à mon réseau professionnel",
                "rejoindre votre réseau",
                "m'ajouter à votre réseau",
                "faire partie de votre réseau",
                "élargir mon réseau",
                "zu meinem beruflichen netzwerk hinzufügen",
                "meinem beruflichen netzwerk auf linkedin",
                "in mein berufliches netzwerk",
                "mein netzwerk erweitern",
                "minha rede profissional",
                "adicionar você à minha rede",
                "expandir minha rede",
                "alla mia rete professionale",
                "aggiungerti alla mia rete",
                "ampliare la mia rete",
                "aan mijn professionele netwerk",
                "toevoegen aan mijn netwerk",
                "mijn netwerk uitbreiden",
            ]),
            stale_days: 60,
            weights: Weights::default(),
            community_phrases: strings(COMMUNITY_PHRASES),
            seller_phrases: strings(SELLER_PHRASES),
        }
    }
}

/// Message templates. Placeholders: `{first_name}`, `{name}`, `{mutual}`, `{my_name}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, remote = "Self")]
pub struct Templates {
    /// Sent after accepting.
    pub thank_you: String,
    /// Polite declines; one is chosen per invitation, the same one each time.
    pub decline: Vec<String>,
    /// A reply that asks for context without accepting.
    pub reply: String,
    /// The note pre-filled when an invitation is kept for later review.
    pub later_note: String,
    /// The note coach's templates (since schema 4), put in LinkedIn's "Add a note" box on the
    /// user's click: after meeting in person, after a talk, a shared group, a recruiter's
    /// outreach. Placeholders: [`COACH_PLACEHOLDERS`].
    pub coach_met: String,
    /// After a talk.
    pub coach_talk: String,
    /// A shared group.
    pub coach_group: String,
    /// A recruiter's outreach.
    pub coach_recruiter: String,
}

/// The placeholders the note coach's templates may use: the recipient's as the page shows
/// them, and the user's own name.
pub const COACH_PLACEHOLDERS: &[&str] = &["first_name", "name", "my_name", "company", "headline"];

impl Default for Templates {
    fn default() -> Self {
        Templates {
            thank_you: "Thanks for the invitation, {first_name}! Glad to be connected. \
                        Good to see we both know {mutual}."
                .into(),
            decline: strings(&[
                "Hi {first_name}, thank you for reaching out. I keep my network to people I have \
                 worked with, so I won't connect for now, but I wish you all the best.",
                "Hi {first_name}, thanks for the invitation. I try to keep my LinkedIn network \
                 small and close to my day-to-day work, so I'll pass for now. All the best!",
                "Hi {first_name}, I appreciate you thinking of me. I'm not taking on new \
                 connections outside my work right now, but I hope our paths cross.",
            ]),
            reply: "Hi {first_name}, thanks for the invitation! I'm not sure we've met: \
                    what would you like to connect about?"
                .into(),
            later_note: "Check back after looking at {first_name}'s profile.".into(),
            coach_met: "Hi {first_name}, it was great meeting you in person. I enjoyed our \
                        conversation and would like to stay in touch. {my_name}"
                .into(),
            coach_talk: "Hi {first_name}, I enjoyed your talk and would like to follow your \
                         work. Would you be open to connecting? {my_name}"
                .into(),
            coach_group: "Hi {first_name}, we are in the same group, and I would like to \
                          connect with the people there who work on similar things. {my_name}"
                .into(),
            coach_recruiter: "Hi {first_name}, I am a recruiter and your experience at {company} \
                              caught my eye. I have a role that could interest you: would you be \
                              open to a short conversation? {my_name}"
                .into(),
        }
    }
}

/// A problem with one field, in words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `rules.accept_at` or `templates.decline.1`.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

// Limits: generous for real use (2,000 names in one list is far beyond any real queue), yet
// they refuse absurd documents and keep matching cheap. Each error names its field.
/// Longest entry of a phrase list, in characters.
pub const MAX_PHRASE: usize = 200;
/// Most entries in one phrase list.
pub const MAX_LIST: usize = 2000;
/// Longest template, before rendering.
pub const MAX_TEMPLATE: usize = 1000;
/// Most decline messages to choose from.
pub const MAX_DECLINES: usize = 50;
/// Longest `my_name`.
pub const MAX_NAME: usize = 100;

impl Settings {
    /// How long a connection note may be for this account.
    pub fn note_limit(&self) -> usize {
        if self.premium {
            300
        } else {
            200
        }
    }

    /// Brings a document from an older schema up to [`SCHEMA_VERSION`]; never drops data.
    /// A document from a newer version is refused rather than half-read.
    pub fn migrate(mut self) -> Result<Settings, FieldError> {
        if self.version > SCHEMA_VERSION {
            return Err(FieldError::new(
                "version",
                format!(
                    "these settings were saved by a newer Invite Triage (schema {}); update the \
                     extension to use them",
                    self.version
                ),
            ));
        }
        // Version 0: documents written before the schema carried a version (hand-written or
        // imported). Their fields are version 1's; missing ones take their defaults on reading.
        if self.version < 2 {
            self.rules.move_names_out_of_always_accept();
        }
        // Version 2 → 3 adds `quiet`, `batch` and `history`: reading gave them their defaults.
        // Version 3 → 4 adds `sent` and the note coach's templates (`templates.coach_met`,
        // `coach_talk`, `coach_group`, `coach_recruiter`): reading gave them their defaults.
        self.version = SCHEMA_VERSION;
        Ok(self)
    }

    /// Migrates, then validates: the one way a document from outside (storage, an import, the
    /// options page) becomes settings the engine runs on.
    pub fn checked(self) -> Result<Settings, Vec<FieldError>> {
        let settings = self.migrate().map_err(|e| vec![e])?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks every field; all problems are reported, each naming its field.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let r = &self.rules;
        if r.accept_at > 100 {
            errors.push(FieldError::new(
                "rules.accept_at",
                "must be between 0 and 100",
            ));
        }
        if r.review_at > 100 {
            errors.push(FieldError::new(
                "rules.review_at",
                "must be between 0 and 100",
            ));
        }
        if r.review_at > r.accept_at {
            errors.push(FieldError::new(
                "rules.review_at",
                "must not be above rules.accept_at (Review starts below Accept)",
            ));
        }
        if !(0..=100).contains(&r.base) {
            errors.push(FieldError::new("rules.base", "must be between 0 and 100"));
        }
        if r.stale_days > 3650 {
            errors.push(FieldError::new(
                "rules.stale_days",
                "must be at most 3650 days",
            ));
        }
        if r.weights.mutual_half == 0 {
            errors.push(FieldError::new(
                "rules.weights.mutual_half",
                "must be at least 1",
            ));
        }
        for (name, value) in r.weights.named() {
            if !(-100..=100).contains(&value) {
                errors.push(FieldError::new(
                    format!("rules.weights.{name}"),
                    "must be between -100 and 100",
                ));
            }
        }
        for (name, list) in r.lists() {
            if list.len() > MAX_LIST {
                errors.push(FieldError::new(
                    format!("rules.{name}"),
                    format!("has {} entries; at most {MAX_LIST}", list.len()),
                ));
            }
            for (i, entry) in list.iter().enumerate() {
                if entry.chars().count() > MAX_PHRASE {
                    errors.push(FieldError::new(
                        format!("rules.{name}.{i}"),
                        format!("is longer than {MAX_PHRASE} characters"),
                    ));
                }
            }
        }
        for (i, entry) in r.always_accept.iter().enumerate() {
            if let Some(message) = not_a_profile(entry) {
                errors.push(FieldError::new(format!("rules.always_accept.{i}"), message));
            }
        }
        self.validate_templates(&mut errors);
        self.validate_review(&mut errors);
        if self.weekly_budget > 1000 {
            errors.push(FieldError::new("weekly_budget", "must be at most 1000"));
        }
        if self.reminder.weekday > 6 {
            errors.push(FieldError::new(
                "reminder.weekday",
                "must be 0 (Sunday) to 6 (Saturday)",
            ));
        }
        if self.reminder.hour > 23 {
            errors.push(FieldError::new("reminder.hour", "must be 0 to 23"));
        }
        if self.my_name.chars().count() > MAX_NAME {
            errors.push(FieldError::new(
                "my_name",
                format!("is longer than {MAX_NAME} characters"),
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Schema 3's settings: the batch pace and the log's retention.
    fn validate_review(&self, errors: &mut Vec<FieldError>) {
        let [min, max] = self.batch.pace_ms;
        if min < MIN_PACE_MS {
            errors.push(FieldError::new(
                "batch.pace_ms.0",
                format!("must be at least {MIN_PACE_MS} ms"),
            ));
        } else if min > max {
            errors.push(FieldError::new(
                "batch.pace_ms.0",
                format!("must not be longer than the longest pause ({max} ms)"),
            ));
        }
        if max > MAX_PACE_MS {
            errors.push(FieldError::new(
                "batch.pace_ms.1",
                format!("must be at most {MAX_PACE_MS} ms"),
            ));
        }
        let days = self.history.retention_days;
        if !(1..=MAX_RETENTION_DAYS).contains(&days) {
            errors.push(FieldError::new(
                "history.retention_days",
                format!("must be 1 to {MAX_RETENTION_DAYS} days"),
            ));
        }
        let days = self.sent.withdraw_after_days;
        if !(1..=MAX_WITHDRAW_AFTER_DAYS).contains(&days) {
            errors.push(FieldError::new(
                "sent.withdraw_after_days",
                format!("must be 1 to {MAX_WITHDRAW_AFTER_DAYS} days"),
            ));
        }
    }

    fn validate_templates(&self, errors: &mut Vec<FieldError>) {
        let t = &self.templates;
        let mut all: Vec<(String, &str)> = vec![
            ("templates.thank_you".into(), &t.thank_you),
            ("templates.reply".into(), &t.reply),
            ("templates.later_note".into(), &t.later_note),
        ];
        if t.decline.is_empty() {
            errors.push(FieldError::new(
                "templates.decline",
                "needs at least one message",
            ));
        }
        if t.decline.len() > MAX_DECLINES {
            errors.push(FieldError::new(
                "templates.decline",
                format!("has {} messages; at most {MAX_DECLINES}", t.decline.len()),
            ));
        }
        all.extend(
            t.decline
                .iter()
                .enumerate()
                .map(|(i, d)| (format!("templates.decline.{i}"), d.as_str())),
        );
        let coach = [
            ("templates.coach_met", &t.coach_met),
            ("templates.coach_talk", &t.coach_talk),
            ("templates.coach_group", &t.coach_group),
            ("templates.coach_recruiter", &t.coach_recruiter),
        ];
        let coach = coach
            .iter()
            .map(|(f, text)| (f.to_string(), text.as_str(), true));
        let all = all.into_iter().map(|(f, text)| (f, text, false));
        for (field, text, coached) in all.chain(coach) {
            if text.chars().count() > MAX_TEMPLATE {
                errors.push(FieldError::new(
                    field.clone(),
                    format!("is longer than {MAX_TEMPLATE} characters"),
                ));
            }
            let known = if coached {
                COACH_PLACEHOLDERS
            } else {
                PLACEHOLDERS
            };
            if let Err(message) = check_placeholders_in(text, known) {
                errors.push(FieldError::new(field, message));
            }
        }
    }
}

/// Why an always-accept entry is refused: it names no profile. `None` for a profile link or
/// slug, and for a blank entry (blank entries are skipped everywhere).
fn not_a_profile(entry: &str) -> Option<String> {
    let text = entry.trim();
    if text.is_empty() || profile_slug(text).is_some() {
        return None;
    }
    Some(
        if text.contains(['/', ':']) || text.to_lowercase().contains("linkedin.") {
            format!(
                "\"{text}\" is not a LinkedIn profile link; always-accept takes profile links \
             (linkedin.com/in/…) or slugs"
            )
        } else {
            format!(
                "\"{text}\" is a name; always-accept takes profile links or slugs (names can be \
             copied): put the profile link here, or the name in trusted names"
            )
        },
    )
}

/// Checks that every `{…}` in a template is a known placeholder and braces are balanced.
pub fn check_placeholders(text: &str) -> Result<(), String> {
    check_placeholders_in(text, PLACEHOLDERS)
}

/// [`check_placeholders`] against another list of placeholders (the note coach's).
pub fn check_placeholders_in(text: &str, known_names: &[&str]) -> Result<(), String> {
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("has a '}' without a matching '{'".into());
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| "has a '{' that is never closed".to_owned())?;
        let name = &after[..close];
        if !known_names.contains(&name) {
            let known: Vec<String> = known_names.iter().map(|p| format!("{{{p}}}")).collect();
            return Err(format!(
                "uses unknown placeholder {{{name}}}; known: {}",
                known.join(", ")
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

impl Rules {
    /// Version 1 → 2. Always-accept used to match display names too, and an impersonator copies
    /// a contact's name; from version 2 it takes profiles only. Each entry that does not name a
    /// profile ([`profile_slug`]: a link, or a slug such as `ana-ruiz`; a letters-only word is a
    /// slug when lowercase, a name when it has a capital) moves, in order, to the end of
    /// `trusted_names`, where it adds points and never accepts. Profile entries and blank ones
    /// stay; nothing is dropped (an entry already in `trusted_names` is not added twice).
    fn move_names_out_of_always_accept(&mut self) {
        let (profiles, names): (Vec<String>, Vec<String>) = std::mem::take(&mut self.always_accept)
            .into_iter()
            .partition(|entry| entry.trim().is_empty() || profile_slug(entry).is_some());
        self.always_accept = profiles;
        for name in names {
            if !self.trusted_names.contains(&name) {
                self.trusted_names.push(name);
            }
        }
    }

    /// Every phrase list, by field name.
    pub fn lists(&self) -> [(&'static str, &Vec<String>); 15] {
        [
            ("field_keywords", &self.field_keywords),
            ("companies", &self.companies),
            ("schools", &self.schools),
            ("always_accept", &self.always_accept),
            ("trusted_names", &self.trusted_names),
            ("always_ignore", &self.always_ignore),
            ("sales_phrases", &self.sales_phrases),
            ("spam_phrases", &self.spam_phrases),
            ("open_networker_phrases", &self.open_networker_phrases),
            ("recruiter_phrases", &self.recruiter_phrases),
            ("context_phrases", &self.context_phrases),
            ("interest_phrases", &self.interest_phrases),
            ("generic_notes", &self.generic_notes),
            ("community_phrases", &self.community_phrases),
            ("seller_phrases", &self.seller_phrases),
        ]
    }
}

impl Weights {
    /// Every point weight, by field name.
    pub fn named(&self) -> [(&'static str, i32); 24] {
        [
            ("mutual_max", self.mutual_max),
            ("no_mutual", self.no_mutual),
            ("note", self.note),
            ("note_context", self.note_context),
            ("note_interest", self.note_interest),
            ("note_field", self.note_field),
            ("generic_note", self.generic_note),
            ("field", self.field),
            ("company", self.company),
            ("school", self.school),
            ("always_accept", self.always_accept),
            ("always_ignore", self.always_ignore),
            ("trusted_name", self.trusted_name),
            ("sales", self.sales),
            ("spam", self.spam),
            ("open_networker", self.open_networker),
            ("recruiter", self.recruiter),
            ("no_photo", self.no_photo),
            ("no_headline", self.no_headline),
            ("stale", self.stale),
            ("repeat_inviter", self.repeat_inviter),
            ("note_community", self.note_community),
            ("text_model", self.text_model),
            ("seller", self.seller),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_round_trip() {
        let s = Settings::default();
        assert_eq!(s.validate(), Ok(()));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
    }

    #[test]
    fn errors_name_the_field() {
        let mut s = Settings::default();
        s.rules.accept_at = 500;
        s.rules.weights.spam = -400;
        s.templates.decline[1] = "Hi {firstname}".into();
        let errors = s.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "rules.accept_at",
                "rules.weights.spam",
                "templates.decline.1"
            ]
        );
        assert!(errors[2].message.contains("{firstname}"));
        assert!(errors[2].message.contains("{first_name}"));
    }

    #[test]
    fn thresholds_must_be_ordered() {
        let mut s = Settings::default();
        s.rules.review_at = 80;
        s.rules.accept_at = 60;
        assert_eq!(s.validate().unwrap_err()[0].field, "rules.review_at");
    }

    #[test]
    fn placeholders_are_checked() {
        assert_eq!(
            check_placeholders("Hi {first_name}, from {my_name}"),
            Ok(())
        );
        assert!(check_placeholders("Hi {first_name").is_err());
        assert!(check_placeholders("Hi first_name}").is_err());
        assert!(check_placeholders("{nme}").unwrap_err().contains("{nme}"));
    }

    #[test]
    fn an_unversioned_document_is_migrated_keeping_its_values() {
        let old = r#"{"my_name": "Sam", "rules": {"accept_at": 70, "field_keywords": ["rust"]}}"#;
        let s: Settings = serde_json::from_str(old).unwrap();
        assert_eq!(s.version, 0);
        let s = s.checked().unwrap();
        assert_eq!(s.version, SCHEMA_VERSION);
        assert_eq!(s.my_name, "Sam");
        assert_eq!(s.rules.accept_at, 70);
        assert_eq!(s.rules.field_keywords, ["rust"]);
        assert_eq!(s.rules.review_at, Rules::default().review_at);
        assert_eq!(s.validate(), Ok(()));
    }

    #[test]
    fn a_newer_document_is_refused_with_a_reason() {
        let s: Settings = serde_json::from_str(r#"{"version": 99}"#).unwrap();
        let err = s.clone().migrate().unwrap_err();
        assert_eq!(err.field, "version");
        assert!(err.message.contains("newer"));
        assert!(err.message.contains("99"), "{}", err.message);
        assert!(err.message.contains("update"), "{}", err.message);
        assert_eq!(s.checked().unwrap_err(), vec![err]);
        let next: Settings =
            serde_json::from_str(&format!(r#"{{"version": {}}}"#, SCHEMA_VERSION + 1)).unwrap();
        assert!(next.checked().is_err());
    }

    /// Every leaf of a JSON value, by dotted path (arrays are leaves: lists are kept whole).
    fn leaves(value: &serde_json::Value, path: &str, out: &mut Vec<(String, serde_json::Value)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    leaves(v, &p, out);
                }
            }
            _ => out.push((path.to_owned(), value.clone())),
        }
    }

    fn fixture(version: u32) -> String {
        let path = format!(
            "{}/tests/fixtures/settings-v{version}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("every earlier schema version needs a fixture document: {path}: {e}")
        })
    }

    /// Fields that appeared in a later schema version: (version, dotted path). A fixture of an
    /// earlier version cannot set them; migrating it gives them their defaults.
    const ADDED: &[(u32, &str)] = &[
        (2, "rules.trusted_names"),
        (2, "rules.weights.trusted_name"),
        (3, "rules.weights.repeat_inviter"),
        (3, "quiet"),
        (3, "batch.pace_ms"),
        (3, "history.retention_days"),
        // With the real corpus (issue 13).
        (3, "rules.community_phrases"),
        (3, "rules.seller_phrases"),
        (3, "rules.weights.note_community"),
        (3, "rules.weights.text_model"),
        (3, "rules.weights.seller"),
        (4, "sent.withdraw_after_days"),
        // The note coach (issue 16).
        (4, "templates.coach_met"),
        (4, "templates.coach_talk"),
        (4, "templates.coach_group"),
        (4, "templates.coach_recruiter"),
    ];

    /// Entries a migration moves on purpose, checked by their own rule below: (version, from,
    /// to). From version 2, always-accept keeps its profiles and its names move to trusted names.
    const MOVED: &[(u32, &str, &str)] = &[(2, "rules.always_accept", "rules.trusted_names")];

    fn at<'v>(value: &'v serde_json::Value, path: &str) -> &'v serde_json::Value {
        path.split('.').fold(value, |v, k| &v[k])
    }

    fn strings_at(value: &serde_json::Value, path: &str) -> Vec<String> {
        serde_json::from_value(at(value, path).clone()).unwrap()
    }

    /// A realistic document of every earlier schema version migrates to the current one with
    /// every field carried over. The fixtures set every field of their version, each to a
    /// non-default value, so a migration that dropped or reset anything would fail here.
    #[test]
    fn every_earlier_version_migrates_keeping_every_field() {
        let current = serde_json::to_value(Settings::default()).unwrap();
        let mut all_fields = Vec::new();
        leaves(&current, "", &mut all_fields);
        for version in 0..SCHEMA_VERSION {
            let added_later = |path: &str| ADDED.iter().any(|(v, p)| *v > version && *p == path);
            let moved = |path: &str| {
                MOVED
                    .iter()
                    .any(|(v, from, to)| *v > version && (*from == path || *to == path))
            };
            let want_fields: Vec<&str> = all_fields
                .iter()
                .map(|(p, _)| p.as_str())
                .filter(|p| *p != "version" && !added_later(p))
                .collect();
            let text = fixture(version);
            let old: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut old_leaves = Vec::new();
            leaves(&old, "", &mut old_leaves);
            let fields: Vec<&str> = old_leaves
                .iter()
                .map(|(p, _)| p.as_str())
                .filter(|p| *p != "version")
                .collect();
            assert_eq!(fields, want_fields, "v{version} fixture sets every field");
            for (path, value) in &old_leaves {
                assert_ne!(
                    value,
                    at(&current, path),
                    "v{version} fixture: {path} differs from the default"
                );
            }

            let document: Settings = serde_json::from_str(&text).unwrap();
            assert_eq!(document.version, version);
            let migrated = document.checked().unwrap();
            assert_eq!(migrated.version, SCHEMA_VERSION);
            let after = serde_json::to_value(&migrated).unwrap();
            for (path, value) in &old_leaves {
                if path == "version" || moved(path) {
                    continue;
                }
                assert_eq!(at(&after, path), value, "v{version}: {path} carried over");
            }
            for (v, path) in ADDED.iter().filter(|(v, p)| *v > version && !moved(p)) {
                assert_eq!(
                    at(&after, path),
                    at(&current, path),
                    "v{version}: {path} (new in v{v}) takes its default"
                );
            }
            if version < 2 {
                // Every always-accept entry is kept: profiles where they were, names (in order)
                // in trusted names, which version 1 did not have.
                let old_accept = strings_at(&old, "rules.always_accept");
                let is_profile = |e: &String| crate::core::matcher::profile_slug(e).is_some();
                let profiles: Vec<String> = old_accept
                    .iter()
                    .filter(|e| is_profile(e))
                    .cloned()
                    .collect();
                let names: Vec<String> = old_accept
                    .iter()
                    .filter(|e| !is_profile(e))
                    .cloned()
                    .collect();
                assert!(
                    !profiles.is_empty() && !names.is_empty(),
                    "v{version} fixture has both"
                );
                assert_eq!(migrated.rules.always_accept, profiles, "v{version}");
                assert_eq!(migrated.rules.trusted_names, names, "v{version}");
            }
            // Migrating again changes nothing.
            assert_eq!(migrated.clone().checked().unwrap(), migrated);
        }
    }

    #[test]
    fn the_v1_fixture_keeps_profiles_and_moves_names_to_trusted_names() {
        let s: Settings = serde_json::from_str(&fixture(1)).unwrap();
        assert_eq!(s.version, 1);
        let s = s.checked().unwrap();
        assert_eq!(s.version, SCHEMA_VERSION);
        assert_eq!(
            s.rules.always_accept,
            [
                "ana-souza-42",
                "https://www.linkedin.com/in/priya-raman/",
                // One word, lowercase: a slug (custom profile URL), as links are written.
                "kwamemensah",
            ]
        );
        // A full name, and one capitalized word: names. They add points, never accept.
        assert_eq!(s.rules.trusted_names, ["Nadia Rahman", "Grace"]);
        assert_eq!(s.rules.weights.trusted_name, 15);
        // The old always-accept points stay with the profiles; nothing else moved.
        assert_eq!(s.rules.weights.always_accept, 90);
        assert_eq!(s.rules.always_ignore, ["mark-webb-growth", "Grace Miller"]);
    }

    #[test]
    fn migration_moves_each_name_once_and_keeps_blank_entries() {
        let v1 = r#"{"version": 1, "rules": {
            "always_accept": ["Bo Li", " ", "bo-li-7", "Bo Li", "madonna", "Madonna", "linkedin.com/company/acme"],
            "trusted_names": ["Bo Li"]
        }}"#;
        let s: Settings = serde_json::from_str(v1).unwrap();
        let s = s.migrate().unwrap();
        assert_eq!(s.rules.always_accept, [" ", "bo-li-7", "madonna"]);
        assert_eq!(
            s.rules.trusted_names,
            ["Bo Li", "Madonna", "linkedin.com/company/acme"]
        );
        // From version 2 on, names are not moved: a name is an error, not a move.
        for version in 2..=SCHEMA_VERSION {
            let doc =
                format!(r#"{{"version": {version}, "rules": {{"always_accept": ["Bo Li"]}}}}"#);
            let s: Settings = serde_json::from_str(&doc).unwrap();
            let migrated = s.clone().migrate().unwrap();
            assert_eq!(
                migrated,
                Settings {
                    version: SCHEMA_VERSION,
                    ..s.clone()
                }
            );
            assert_eq!(s.checked().unwrap_err()[0].field, "rules.always_accept.0");
        }
    }

    #[test]
    fn always_accept_refuses_names_at_the_entry() {
        let mut s = Settings::default();
        s.rules.always_accept = vec![
            "https://www.linkedin.com/in/ana-ruiz/".into(),
            "ana-ruiz".into(),
            "Ana Ruiz".into(),
            "anaruiz".into(),
            "Ana".into(),
            "https://www.linkedin.com/company/acme/".into(),
            "".into(),
        ];
        let errors = s.validate().unwrap_err();
        let shown: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        assert_eq!(
            shown,
            [
                "rules.always_accept.2: \"Ana Ruiz\" is a name; always-accept takes profile links \
                 or slugs (names can be copied): put the profile link here, or the name in \
                 trusted names",
                "rules.always_accept.4: \"Ana\" is a name; always-accept takes profile links or \
                 slugs (names can be copied): put the profile link here, or the name in trusted \
                 names",
                "rules.always_accept.5: \"https://www.linkedin.com/company/acme/\" is not a \
                 LinkedIn profile link; always-accept takes profile links (linkedin.com/in/…) or \
                 slugs",
            ]
        );
        // Names are fine where they cannot accept anyone.
        let mut s = Settings::default();
        s.rules.trusted_names = vec!["Ana Ruiz".into(), "Ana".into()];
        s.rules.always_ignore = vec!["Ana Ruiz".into(), "ana-ruiz".into()];
        assert_eq!(s.validate(), Ok(()));
    }

    #[test]
    fn the_v0_fixture_reads_as_written() {
        let s: Settings = serde_json::from_str(&fixture(0)).unwrap();
        let s = s.checked().unwrap();
        assert_eq!(s.my_name, "Sam Rivera");
        assert!(s.premium);
        assert_eq!(
            (s.rules.base, s.rules.accept_at, s.rules.review_at),
            (35, 75, 40)
        );
        assert_eq!(s.rules.field_keywords[1], "wasm*");
        assert_eq!(s.rules.always_accept, ["ana-souza-42"]);
        assert_eq!(s.rules.trusted_names, ["Nadia Rahman"]);
        assert_eq!(s.rules.weights.recruiter, 3);
        assert_eq!(s.templates.decline.len(), 2);
        assert_eq!(s.weekly_budget, 20);
        assert_eq!(
            s.reminder,
            Reminder {
                enabled: true,
                weekday: 1,
                hour: 8
            }
        );
    }

    /// The extension's storage adapter refuses stored documents from a newer schema before they
    /// reach the engine (so triage falls back to the defaults); its constant must follow ours.
    #[test]
    fn storage_js_knows_the_schema_version() {
        let js = include_str!("../../extension/storage.js");
        assert!(
            js.contains(&format!("export const SCHEMA_VERSION = {SCHEMA_VERSION};")),
            "extension/storage.js SCHEMA_VERSION must be {SCHEMA_VERSION}"
        );
    }

    #[test]
    fn absurd_sizes_are_refused_naming_the_field() {
        let mut s = Settings::default();
        s.rules.always_ignore = vec!["x".into(); MAX_LIST + 1];
        s.rules.companies = vec!["y".repeat(MAX_PHRASE + 1)];
        s.my_name = "n".repeat(MAX_NAME + 1);
        s.templates.reply = "r".repeat(MAX_TEMPLATE + 1);
        s.templates.decline = vec!["d".into(); MAX_DECLINES + 1];
        let errors = s.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "rules.companies.0",
                "rules.always_ignore",
                "templates.decline",
                "templates.reply",
                "my_name"
            ]
        );
        assert!(
            errors[1].message.contains("2001 entries"),
            "{}",
            errors[1].message
        );

        // At the limits, a document is still valid.
        let mut s = Settings::default();
        s.rules.always_ignore = vec!["x".repeat(MAX_PHRASE); MAX_LIST];
        s.my_name = "n".repeat(MAX_NAME);
        s.templates.decline = vec!["d".into(); MAX_DECLINES];
        assert_eq!(s.validate(), Ok(()));
    }

    #[test]
    fn the_v3_fixture_gains_the_sent_settings_with_their_defaults() {
        let v3: Settings = serde_json::from_str(&fixture(3)).unwrap();
        assert_eq!(v3.version, 3);
        let s = v3.clone().checked().unwrap();
        assert_eq!(s.version, SCHEMA_VERSION);
        assert_eq!(s.sent.withdraw_after_days, DEFAULT_WITHDRAW_AFTER_DAYS);
        assert_eq!(Settings { version: 3, ..s }, v3);
    }

    #[test]
    fn the_withdraw_threshold_is_bounded_and_named() {
        for (days, ok) in [(0, false), (1, true), (30, true), (180, true), (181, false)] {
            let mut s = Settings::default();
            s.sent.withdraw_after_days = days;
            match s.validate() {
                Ok(()) => assert!(ok, "{days}"),
                Err(e) => {
                    assert!(!ok, "{days}");
                    assert_eq!(e[0].field, "sent.withdraw_after_days");
                }
            }
        }
    }

    #[test]
    fn the_v2_fixture_gains_the_review_settings_with_their_defaults() {
        let v2: serde_json::Value = serde_json::from_str(&fixture(2)).unwrap();
        let s: Settings = serde_json::from_value(v2.clone()).unwrap();
        assert_eq!(s.version, 2);
        let s = s.checked().unwrap();
        assert_eq!(s.version, SCHEMA_VERSION);
        assert!(!s.quiet);
        assert_eq!(s.batch.pace_ms, [2000, 5000]);
        assert_eq!(s.history.retention_days, 365);
        // Everything else is the document's, untouched (no always-accept name moves from v2).
        let mut after = serde_json::to_value(&s).unwrap();
        let object = after.as_object_mut().unwrap();
        for added in ["quiet", "batch", "history", "sent"] {
            object.remove(added);
        }
        object.insert("version".into(), 2.into());
        // The weights and lists new in 3 too, at their defaults.
        let defaults = serde_json::to_value(Settings::default()).unwrap();
        let weights = after["rules"]["weights"].as_object_mut().unwrap();
        for added in ["repeat_inviter", "note_community", "text_model", "seller"] {
            assert_eq!(
                weights.remove(added).as_ref(),
                Some(&defaults["rules"]["weights"][added])
            );
        }
        let rules = after["rules"].as_object_mut().unwrap();
        for added in ["community_phrases", "seller_phrases"] {
            assert_eq!(
                rules.remove(added).as_ref(),
                Some(&defaults["rules"][added])
            );
        }
        // The note coach's templates, new in 4, at their defaults.
        let templates = after["templates"].as_object_mut().unwrap();
        for added in ["coach_met", "coach_talk", "coach_group", "coach_recruiter"] {
            assert_eq!(
                templates.remove(added).as_ref(),
                Some(&defaults["templates"][added])
            );
        }
        assert_eq!(after, v2);
    }

    #[test]
    fn the_batch_pace_is_checked_at_each_end() {
        let errors = |pace: [u32; 2]| {
            let mut s = Settings::default();
            s.batch.pace_ms = pace;
            s.validate()
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
        };
        for ok in [[300, 300], [2000, 5000], [300, 60_000], [60_000, 60_000]] {
            assert_eq!(errors(ok), Vec::<String>::new(), "{ok:?}");
        }
        assert_eq!(
            errors([299, 5000]),
            ["batch.pace_ms.0: must be at least 300 ms"]
        );
        assert_eq!(errors([0, 0]), ["batch.pace_ms.0: must be at least 300 ms"]);
        assert_eq!(
            errors([5000, 2000]),
            ["batch.pace_ms.0: must not be longer than the longest pause (2000 ms)"]
        );
        assert_eq!(
            errors([2000, 60_001]),
            ["batch.pace_ms.1: must be at most 60000 ms"]
        );
        assert_eq!(
            errors([100, 70_000]),
            [
                "batch.pace_ms.0: must be at least 300 ms",
                "batch.pace_ms.1: must be at most 60000 ms"
            ]
        );
    }

    #[test]
    fn the_retention_is_one_day_to_ten_years() {
        let errors = |days: u32| {
            let mut s = Settings::default();
            s.history.retention_days = days;
            s.validate().err().unwrap_or_default()
        };
        for ok in [1, 30, 365, 3650] {
            assert!(errors(ok).is_empty(), "{ok}");
        }
        for bad in [0, 3651, u32::MAX] {
            let e = errors(bad);
            assert_eq!(e.len(), 1, "{bad}");
            assert_eq!(e[0].field, "history.retention_days");
            assert_eq!(e[0].message, "must be 1 to 3650 days");
        }
    }

    #[test]
    fn the_review_settings_refuse_unknown_fields_and_malformed_values() {
        for bad in [
            r#"{"batch": {"pace": [1, 2]}}"#,
            r#"{"history": {"retention": 30}}"#,
        ] {
            let err = serde_json::from_str::<Settings>(bad)
                .unwrap_err()
                .to_string();
            assert!(err.contains("unknown field"), "{bad}: {err}");
        }
        for bad in [
            r#"{"batch": {"pace_ms": [2000]}}"#,
            r#"{"batch": {"pace_ms": [2000, 3000, 4000]}}"#,
            r#"{"batch": {"pace_ms": [-1, 3000]}}"#,
            r#"{"quiet": "yes"}"#,
            r#"{"history": {"retention_days": 1.5}}"#,
        ] {
            assert!(serde_json::from_str::<Settings>(bad).is_err(), "{bad}");
        }
        let s: Settings = serde_json::from_str(
            r#"{"version": 3, "quiet": true, "batch": {"pace_ms": [300, 900]}}"#,
        )
        .unwrap();
        assert!(s.quiet);
        assert_eq!(s.batch.pace_ms, [300, 900]);
        assert_eq!(s.history, History::default());
    }

    /// The shell prunes the log without the engine (the worker has none): its defaults and
    /// limits must be ours.
    #[test]
    fn history_js_knows_the_retention_limits() {
        let js = include_str!("../../extension/history.js");
        for line in [
            format!("export const DEFAULT_RETENTION_DAYS = {DEFAULT_RETENTION_DAYS};"),
            format!("export const MAX_RETENTION_DAYS = {MAX_RETENTION_DAYS};"),
        ] {
            assert!(js.contains(&line), "extension/history.js must say: {line}");
        }
    }

    #[test]
    fn unknown_fields_are_refused_by_name() {
        let err = serde_json::from_str::<Settings>(r#"{"rules": {"acept_at": 3}}"#).unwrap_err();
        assert!(err.to_string().contains("acept_at"));
    }
}
