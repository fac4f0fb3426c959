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
    // Machine learning methods and kinds of model.
    "AGI", "ASR", "PPO", "RLAIF", "RLVR", "TTS", "VLM",
    // Markets and crypto: currencies, tickers and traders' terms.
    "AMM", "APR", "APY", "ARR", "ATH", "BTC", "CEX", "DCA", "DEX", "ETF", "ETH", "EVM", "FUD",
    "HODL", "IPO", "ITM", "KPI", "KYC", "MRR", "OTM", "ROI", "SHIB", "TVL", "USDC", "USDT", "WBTC",
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
/// the organisation words themselves ("FamilyRightsGp", "CWIP_Research", "reviewCSC"): the
/// words of groups, of company forms ("acme_co", "BrightLoopLtd") and of what companies make
/// ("Pebble_Tech", "OrbitWallet", "LanternGames", "AcmeEngg"). Not "ai" nor "eng", which
/// people's names hold ("Ai_Weiwei", "sarah_eng").
pub(super) const HANDLE_WORDS: &[&str] = &[
    "gp", "grp", "assoc", "uni", "research", "info", "news", "hq", "org", "gov", "team", "media",
    "press", "co", "inc", "llc", "ltd", "labs", "lab", "tech", "engg", "games", "studio",
    "studios", "wallet", "app",
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

/// Words before "at" that say someone works where a handle after it is: "engineer at
/// @Stripe", "Teams at @lanternpay" (not "look at @sama").
pub(super) const WORK_WORDS: &[&str] = &[
    "colleagues",
    "developer",
    "developers",
    "engineer",
    "engineers",
    "fellow",
    "fellows",
    "folks",
    "friends",
    "intern",
    "interns",
    "job",
    "jobs",
    "manager",
    "others",
    "people",
    "postdoc",
    "professor",
    "researcher",
    "researchers",
    "role",
    "roles",
    "scientist",
    "scientists",
    "staff",
    "student",
    "students",
    "team",
    "teams",
    "work",
    "worked",
    "working",
    "works",
];

/// Nouns that, written in lower case straight before a name, say what kind of company it is:
/// "security firm Praetorian", "the AI networking service Lunchclub", "chipmaker Nvidia".
pub(super) const COMPANY_NOUNS: &[&str] = &[
    "airline",
    "automaker",
    "bank",
    "brokerage",
    "carmaker",
    "charity",
    "chipmaker",
    "company",
    "conglomerate",
    "fintech",
    "firm",
    "insurer",
    "lender",
    "magazine",
    "newspaper",
    "nonprofit",
    "non-profit",
    "outlet",
    "provider",
    "publisher",
    "retailer",
    "service",
    "start-up",
    "startup",
    "vendor",
];

/// Nouns that a company has and a person seldom does, written after a possessive name:
/// "Praetorian's principal security engineer", "Readwise's engineers".
pub(super) const COMPANY_POSSESSIONS: &[&str] = &[
    "advisory",
    "ceo",
    "cfo",
    "cto",
    "employees",
    "engineer",
    "engineers",
    "headquarters",
    "ipo",
    "servers",
    "shareholders",
    "subsidiary",
    "valuation",
];

/// Places often written beside companies ("Huawei, China and Russia", "India's
/// engineers"): never a company by a list or by what it has.
pub(super) const PLACES: &[&str] = &[
    "Africa",
    "America",
    "Asia",
    "Australia",
    "Brazil",
    "Britain",
    "California",
    "Canada",
    "China",
    "England",
    "Europe",
    "France",
    "Germany",
    "India",
    "Iran",
    "Ireland",
    "Israel",
    "Italy",
    "Japan",
    "Korea",
    "London",
    "Mexico",
    "Netherlands",
    "Nigeria",
    "Pakistan",
    "Russia",
    "Scotland",
    "Singapore",
    "Spain",
    "Sweden",
    "Switzerland",
    "Taiwan",
    "Texas",
    "Turkey",
    "Ukraine",
    "Wales",
    "Washington",
];

/// How many words may stand between a possessive name and what it has ("Praetorian's
/// principal security engineer").
pub(super) const POSSESSION_GAP: usize = 2;

/// Capitalised words that open a clause or a sentence ("However, Visa and Mastercard", "But
/// Hartley Borough Council said") and never a name: no name starts with one, and in what
/// looks like a list of names they are the clause's; words ending in "ly" are ruled out of
/// lists as well.
pub(super) const CLAUSE_OPENERS: &[&str] = &[
    "Additionally",
    "Afterwards",
    "Again",
    "Also",
    "Although",
    "Altogether",
    "And",
    "Anyway",
    "Apparently",
    "As",
    "Basically",
    "Because",
    "Besides",
    "But",
    "Clearly",
    "Currently",
    "Earlier",
    "Else",
    "Elsewhere",
    "Finally",
    "Fortunately",
    "Furthermore",
    "Hence",
    "Hopefully",
    "How",
    "However",
    "If",
    "Importantly",
    "Indeed",
    "Instead",
    "Interestingly",
    "Later",
    "Likewise",
    "Maybe",
    "Meanwhile",
    "Moreover",
    "Nevertheless",
    "Nonetheless",
    "Obviously",
    "Ok",
    "Okay",
    "Once",
    "Or",
    "Otherwise",
    "Overall",
    "Perhaps",
    "Recently",
    "Regardless",
    "Sadly",
    "Separately",
    "Similarly",
    "Since",
    "So",
    "Still",
    "Thanks",
    "Then",
    "There",
    "Therefore",
    "Though",
    "Thus",
    "Today",
    "Tomorrow",
    "Unfortunately",
    "Unless",
    "Until",
    "What",
    "When",
    "Where",
    "Whether",
    "While",
    "Whilst",
    "Why",
    "Yes",
    "Yesterday",
    "Yet",
];

/// Words that open a clause too, but may also open a name ("First Group", "Together Trust",
/// "Now Teach"): only a list's first word is judged by them.
pub(super) const LIST_OPENERS: &[&str] = &[
    "Even", "First", "Here", "Next", "Now", "Plus", "Second", "Third", "Together", "Well",
];

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

/// Numbers and quantities, which open a sentence's subject ("Two ships arrived", "Many
/// firms"): never a company acting, though a name may start with one ("Four Seasons").
pub(super) const QUANTITIES: &[&str] = &[
    "All",
    "Both",
    "Dozens",
    "Each",
    "Eight",
    "Every",
    "Few",
    "Five",
    "Four",
    "Hundreds",
    "Many",
    "Millions",
    "More",
    "Most",
    "Nine",
    "Other",
    "Several",
    "Seven",
    "Six",
    "Some",
    "Ten",
    "Thousands",
    "Three",
    "Twenty",
    "Two",
];
