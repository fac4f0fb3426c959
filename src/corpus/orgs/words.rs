//! The words the organisation rules look for: data only, in one place. Keep each list
//! sorted where its comment says it is searched by halves.

/// Words that make a capitalised name an organisation's, in byte order (searched by halves).
pub(super) const ORG_WORDS: &[&str] = &[
    "Academy",
    "Agency",
    "Alliance",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Campaign",
    "Center",
    "Centre",
    "Charity",
    "Co-operative",
    "Coalition",
    "Collective",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Conference",
    "Consortium",
    "Cooperative",
    "Cooperatives",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Federation",
    "Forum",
    "Foundation",
    "Fund",
    "Group",
    "Hospital",
    "Inc",
    "Initiative",
    "Inquiry",
    "Institute",
    "Institution",
    "Limited",
    "Ltd",
    "Ministry",
    "Network",
    "Office",
    "PLC",
    "Partnership",
    "Party",
    "Plc",
    "Project",
    "Review",
    "School",
    "Service",
    "Services",
    "Society",
    "Tribunal",
    "Trust",
    "Union",
    "University",
    "Ventures",
];

/// Small words allowed inside a name when capitalised words stand on both sides.
pub(super) const CONNECTORS: &[&str] = &["of", "for", "and", "&", "on", "the"];

/// Words that open a name's run but are not part of the name.
pub(super) const DETERMINERS: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "Our", "Their", "His", "Her", "Its", "My",
    "Your", "Every", "Each",
];

/// Capitalised abbreviations that are roles, qualifications or common terms, not names.
pub(super) const COMMON_ACRONYMS: &[&str] = &[
    // Technical terms: computing, networks, security, machine learning.
    "API", "ASCII", "CLI", "CPU", "CRUD", "CSS", "CSV", "CVE", "DNS", "DPO", "ETL", "GPU", "GRPO",
    "GUI", "HTML", "HTTP", "HTTPS", "IDE", "JDK", "JNDI", "JSON", "JVM", "LCD", "LDAP", "LED",
    "LLM", "LTS", "MCP", "MFA", "NFT", "NLP", "NLU", "NPU", "OCR", "OLAP", "OLTP", "OTP", "PCB",
    "RAG", "RAM", "RBAC", "REST", "RGB", "RLHF", "SDK", "SFT", "SQL", "SSD", "SSH", "SSO", "TCP",
    "TPU", "UDP", "URL", "USB", "UTC", "UTF", "VPN", "XML", "YAML",
    // Internet shorthand.
    "AFAIK", "AMA", "BTW", "FOMO", "IIRC", "TBH", "TIL", "WTF",
    // Roles, qualifications, everyday terms.
    "ADHD", "AKA", "ASAP", "BAME", "CCE", "CEO", "CFO", "COO", "COVID", "CPD", "CSE", "CTO", "DIY",
    "DOB", "EHCP", "ETA", "FAQ", "FYI", "GCSE", "GDP", "ICYMI", "IMHO", "IMO", "IRO", "LGBT",
    "LGBTQ", "LOL", "NEET", "OMG", "PDF", "PTSD", "RIP", "SEN", "SEND", "TBC", "TBD", "TLDR",
    "USA", "VAT",
];

/// Surname prefixes that make a word look CamelCase ("MacAlister", "McAlister", "DeSouza").
pub(super) const SURNAME_PREFIXES: &[&str] = &[
    "Mac", "Mc", "Fitz", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "St", "O",
];

/// Endings of lower-case handles that mark an organisation ("educationgovuk", "carereviewwatch").
pub(super) const HANDLE_ENDINGS: &[&str] = &[
    "govuk", "gov", "gouv", "org", "hq", "info", "news", "conf", "research", "watch", "official",
];

/// Handle words (split at case changes and underscores) that mark an organisation, besides
/// the organisation words themselves ("FamilyRightsGp", "CWIP_Research", "reviewCSC").
pub(super) const HANDLE_WORDS: &[&str] = &[
    "gp", "grp", "assoc", "uni", "research", "info", "news", "hq", "org", "gov", "team", "media",
    "press",
];

/// Verbs that, written straight after a name, make it a company's: what companies do in
/// the news and people seldom write of a person ("Databricks announced", "Stripe hired").
pub(super) const ACTOR_VERBS: &[&str] = &[
    "acquired",
    "acquires",
    "announced",
    "announces",
    "hired",
    "hires",
    "invested",
    "invests",
    "launched",
    "launches",
    "partnered",
    "raised",
    "released",
    "releases",
    "ships",
    "shipped",
];

/// Words that, written straight before a name, place someone in it: "at Databricks",
/// "joined Stripe".
pub(super) const ACTOR_PREPOSITIONS: &[&str] = &["at", "join", "joined", "joining", "joins"];

/// Capitalised words that follow those words and are no organisation: times and places of
/// the calendar, and words that open a clause.
pub(super) const NOT_ACTORS: &[&str] = &[
    "April",
    "August",
    "Christmas",
    "December",
    "Easter",
    "February",
    "First",
    "Friday",
    "January",
    "July",
    "June",
    "Last",
    "March",
    "May",
    "Monday",
    "November",
    "October",
    "Saturday",
    "September",
    "Sunday",
    "The",
    "This",
    "Thursday",
    "Tuesday",
    "Wednesday",
];
