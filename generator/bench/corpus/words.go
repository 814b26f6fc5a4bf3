package corpus

// The vocabulary the corpus is written from. Every table is read-only; the
// text is original and only has to read roughly like career advice, so a
// Markdown renderer, a slugger and a search index see realistic input.

// A section is a folder under articles/ with the category most of its
// articles carry and the title templates it uses.
type section struct {
	name     string
	category string
	titles   []string
}

var sections = []section{
	{"roles", "Career Paths", []string{
		"What Does {a_role} Do?",
		"How to Become {a_role}",
		"{Role} vs. {Orole}: Which Path Fits You",
		"A Week in the Life of {a_role}",
		"Is {Role} a Good Career in {year}?",
		"The {Role} Role, Explained",
		"{Role}: Responsibilities, Skills and Career Path",
		"Should You Become {a_role} or {a_orole}?",
	}},
	{"guides", "Job Search", []string{
		"How to Write a Resume for {a_role} Job",
		"How to Negotiate an Offer as {a_role}",
		"Switching Into {Field} From {Field2}",
		"Building a Portfolio That Gets {Role} Interviews",
		"How to Find Your First {Role} Job",
		"{Number} Habits That Help New {Roles} Get Promoted",
		"A Practical Job Search Plan for {Roles}",
		"How to Get Hired as {a_role} Without a Degree",
	}},
	{"salaries", "Salaries", []string{
		"{Role} Salary Guide for {year}",
		"How Much Does {a_role} Make in {City}?",
		"{Role} Pay by Experience Level",
		"Reading {a_role} Offer: Base, Bonus and Equity",
		"Do {Roles} Earn More at Startups?",
		"What {Roles} Earn in {City} Compared With Remote Roles",
	}},
	{"interviewing", "Interviewing", []string{
		"{Number} {Role} Interview Questions and How to Answer Them",
		"How to Prepare for {a_role} Interview",
		"What Interviewers Look For in {a_role} Take-Home Task",
		"The {Skill} Interview: A Practical Guide",
		"How to Talk About {Skill} in a Job Interview",
		"Behavioral Interviews for {Roles}",
	}},
	{"skills", "Skills", []string{
		"Learning {Skill} as {a_role}",
		"Which {Skill} Skills Matter for {Roles}",
		"{Skill} for Beginners: What to Learn First",
		"How Much {Skill} Does {a_role} Need?",
		"A {Number}-Week Plan to Learn {Skill}",
		"Getting Better at {Skill} on the Job",
	}},
	{"stories", "Workplace", []string{
		"From {Field} to {Role}: One Career Change",
		"What I Learned in My First Year as {a_role}",
		"Leaving {Field} After {Number} Years",
		"Notes From a Return to {Field}",
		"Why I Stopped Chasing the {Role} Title",
		"How a Layoff Led Me to {Field}",
	}},
}

var roles = []string{
	"Software Engineer", "Site Reliability Engineer", "Data Analyst", "Data Scientist",
	"Machine Learning Engineer", "Product Manager", "UX Designer", "DevOps Engineer",
	"Security Analyst", "Cloud Architect", "Frontend Developer", "Backend Developer",
	"Mobile Developer", "QA Engineer", "Engineering Manager", "Technical Writer",
	"Database Administrator", "Network Engineer", "Solutions Engineer", "Developer Advocate",
	"Platform Engineer", "Data Engineer", "Scrum Master", "IT Support Specialist",
	"Game Developer", "Embedded Engineer", "Staff Engineer", "Technical Recruiter",
	"Business Analyst", "Systems Administrator",
}

var skills = []string{
	"SQL", "Python", "Go", "system design", "Kubernetes", "cloud networking", "statistics",
	"technical writing", "public speaking", "code review", "incident response", "data modeling",
	"accessibility", "automated testing", "Linux", "Terraform", "JavaScript", "TypeScript",
	"product thinking", "stakeholder management", "observability", "threat modeling",
	"distributed systems", "API design", "mentoring", "estimation", "Rust", "Java",
}

var fields = []string{
	"teaching", "retail management", "journalism", "accounting", "nursing", "graphic design",
	"customer support", "academic research", "logistics", "hospitality", "the military",
	"sales", "finance", "civil engineering", "law", "music production",
}

var tools = []string{
	"Git", "Docker", "a SQL client", "Jupyter", "Figma", "Grafana", "Terraform", "a debugger",
	"a profiler", "Postman", "a spreadsheet", "VS Code", "Jira", "the terminal",
}

var commands = []string{
	"git rebase -i", "kubectl get pods", "docker compose up", "go test ./...", "pytest -x",
	"terraform plan", "EXPLAIN ANALYZE", "git bisect", "npm run lint", "SELECT count(*)",
	"curl -I", "top", "grep -r", "make check", "ssh-keygen", "jq .",
}

var activities = []string{
	"code review", "planning meetings", "on-call rotations", "writing design documents",
	"debugging production issues", "talking to customers", "mentoring juniors",
	"cleaning up data", "estimating work", "reviewing pull requests", "writing tests",
	"documenting decisions", "pairing with other teams", "triaging bug reports",
	"preparing demos", "migrating old systems",
}

var artifacts = []string{
	"portfolio project", "resume", "GitHub profile", "case study", "writing sample",
	"cover letter", "side project", "conference talk", "open source contribution",
	"technical blog post",
}

var people = []string{
	"hiring managers", "recruiters", "senior engineers", "career changers", "bootcamp graduates",
	"team leads", "new graduates", "engineering directors", "interviewers", "mentors",
}

var companies = []string{
	"startup", "consultancy", "bank", "hospital system", "government agency", "retailer",
	"game studio", "university", "nonprofit", "logistics company", "media company",
}

var metrics = []string{
	"success", "reliability", "developer productivity", "customer satisfaction",
	"delivery speed", "code quality", "on-call load", "impact",
}

var timeframes = []string{
	"three months", "six weeks", "quarter", "ninety days", "year", "two sprints",
}

var benefits = []string{
	"health insurance", "commuting", "a home office", "retirement matching", "parental leave",
	"relocation",
}

var cities = []string{
	"Austin", "Berlin", "Toronto", "London", "Seattle", "Denver", "Amsterdam", "Chicago",
	"Dublin", "Atlanta", "Melbourne", "Boston", "Lisbon", "Singapore",
}

var adjectives = []string{
	"practical", "realistic", "candid", "step-by-step", "no-nonsense", "complete", "short",
}

// sentences are the body's building blocks. Slots are listed in text.go.
var sentences = []string{
	"Most {roles} spend more of their week on {activity} than the job title suggests.",
	"If you are coming from {field}, your experience is more transferable than it looks.",
	"{People} we spoke with said they look for evidence of {skill} before they look at degrees.",
	"A small, finished {artifact} usually says more about you than a long list of courses.",
	"Expect the first {timeframe} to be mostly about learning how the team handles {activity}.",
	"It helps to write down what you shipped each week, because nobody remembers it at review time.",
	"Ask the interviewer how the team measures {metric}; the answer tells you a lot about the culture.",
	"{People} often underestimate how much {activity} shapes the day-to-day work.",
	"At a {company}, {a_role} may also own {activity}, which is rarely true at larger employers.",
	"Roughly {percent} percent of the {roles} in our survey named {skill} as the skill they use most.",
	"Pick one tool, such as {tool}, and learn it well instead of skimming five of them.",
	"The fastest way to build credibility on a new team is to fix something small that annoys everyone.",
	"Treat {activity} as a skill you can practice, not a chore to get through.",
	"When you negotiate, anchor on the range for {roles} with {number} years of experience, not on your current pay.",
	"Recruiters screen quickly, so put your strongest {artifact} near the top.",
	"Good {roles} explain trade-offs in plain language, and that habit is easy to show in an interview.",
	"Burnout is common where on-call duty comes on top of {activity}, so ask about rotation sizes early.",
	"A mentor who works as {a_orole} can save you months of guessing.",
	"Remote teams reward clear writing more than they reward fast replies.",
	"Keep a short list of the questions you could not answer, and study those first.",
	"There is no single path into this work; people arrive from {field}, from {field2} and from self-taught routes alike.",
	"Certificates in {skill} can help you pass a keyword filter, but they rarely decide an offer.",
	"If a posting asks for {number} years of {skill}, read it as a wish list rather than a rule.",
	"Your first promotion usually depends on owning {activity} end to end, not on doing more of the same.",
	"Compare offers on total compensation, including equity, bonus and the cost of {benefit}.",
	"Teams that review each {artifact} together tend to bring new {roles} up to speed faster.",
	"Practice describing a past project in two minutes, then again in ten.",
	"Many {roles} keep a small sandbox at home to try ideas without risking anything at work.",
	"Pay for {roles} varies widely between a {company} and a large public company.",
	"Learning {skill} pays off fastest when you apply it to a real problem you already have.",
	"Running `{cmd}` before you ask for help shows that you tried the obvious things first.",
	"A habit as simple as checking `{cmd}` output carefully will save you from a surprising number of mistakes.",
	"The work is *less* about {skill} than most job descriptions imply, and more about judgment.",
	"{People} tend to remember candidates who asked good questions, not the ones who had every answer.",
	"In {city}, demand for {roles} has grown faster than the supply of people with {skill} experience.",
	"Write your {artifact} for a reader who has thirty seconds and no context.",
	"You do not need to know {skill} perfectly; you need to show that you can learn what the job requires.",
	"Over time, small improvements to {activity} add up to a visible difference.",
	"Most teams will forgive a slow start far more readily than a hidden mistake.",
	"It is normal to feel out of your depth in the first {timeframe}; **say so early** and ask for a plan.",
	"{a_role} who understands the business side of the product is **much** harder to replace.",
	"A good manager will help you find time for {activity}, even when deadlines are tight.",
	"Look for teams that write things down: it is the cheapest form of mentoring there is.",
	"The best interview preparation is a mock interview with someone who will be honest with you.",
	"Employers in {city} often list {skill} as a requirement even when the team rarely uses it.",
	"{People} report that the jump from mid-level to senior is mostly about scope, not speed.",
	"Track your wins in a simple document; it makes self-reviews and raises far easier to argue for.",
	"Job titles differ between employers, so read the responsibilities rather than the label.",
	"Before you accept, ask who you would work with most and what a good first {timeframe} looks like.",
	"If your current employer will pay for training in {skill}, take the offer and use it.",
}

// intros open an article; {topic} is the article's main subject.
var intros = []string{
	"This guide covers what the work of {a_role} looks like in practice, how people get into it, and what it pays.",
	"Few careers have changed as quickly as the {role} track over the past decade.",
	"If you are weighing a move into {field2} work as {a_role}, this article lays out the trade-offs plainly.",
	"We interviewed {number} working {roles} and several {people} to put this guide together.",
	"Whether you are starting out or changing careers, the questions below come up again and again.",
	"Here is what we have learned from years of covering {roles} and the teams that hire them.",
}

var headings = []string{
	"What the job involves", "Skills that matter most", "How to get your first {role} job",
	"Salary and career outlook", "Common mistakes to avoid", "Tools you will use every day",
	"How {roles} are interviewed", "Working with {people}", "Building a portfolio",
	"A typical week", "Where to go next", "Questions to ask before you accept",
	"Learning {skill} on the job", "Education and certificates", "Remote and hybrid work",
	"How promotions work", "Negotiating your offer", "Signs you are ready for the next step",
	"What {people} look for", "The first ninety days", "Day-to-day responsibilities",
	"Career paths after {role}", "Is it the right fit for you?", "Preparing your {artifact}",
}

var subheadings = []string{
	"Entry level", "Mid level", "Senior and beyond", "At startups", "At large companies",
	"If you are self-taught", "If you have a degree", "In the first month", "After a year",
	"For career changers", "On small teams", "On distributed teams",
}

var bullets = []string{
	"Learn the basics of {skill} before anything else.",
	"Ask how the team handles {activity}.",
	"Keep your {artifact} up to date.",
	"Get comfortable with {tool}.",
	"Find {a_orole} who will review your work.",
	"Write a short summary of every project you finish.",
	"Practice explaining {skill} to a non-specialist.",
	"Read the job description twice and list every skill it names.",
	"Set aside an hour a week for {activity}.",
	"Compare at least three salary sources for {roles} in {city}.",
	"Use `{cmd}` until it becomes second nature.",
	"Ask {people} what they wish they had known earlier.",
}

var descriptions = []string{
	"A {adj} look at the {role} career: {skill}, {activity} and what employers expect.",
	"What {roles} do, what they earn, and how to get hired, explained by people who do the work.",
	"A {adj} guide for {roles}, with advice on {skill}, {activity} and your {artifact}.",
	"How {people} think about {skill}, and what that means for {roles} looking for work.",
}

var faqQuestions = []string{
	"How long does it take to become {a_role}?",
	"Do I need a degree to work as {a_role}?",
	"Is {skill} hard to learn?",
	"What does {a_role} earn at entry level?",
	"Can I work remotely as {a_role}?",
	"Which certificates help {roles}?",
}

var sourceTitles = []string{
	"{Role} Employment Outlook {year}", "Survey of {Role} Compensation, {year}",
	"State of {Skill} Report {year}", "How {People} Hire: Findings From {year}",
	"Occupational Profile: {Role}", "Skills in Demand, {year} Edition",
}

var publishers = []string{
	"Northfield Labor Institute", "Open Careers Survey", "Harbor Tech Council", "The Hiring Review",
	"Meridian Research Group", "Skills Data Cooperative", "Lakeside Workforce Center",
}

var firstNames = []string{
	"Ada", "Ben", "Carmen", "Dev", "Elena", "Farid", "Grace", "Hiro", "Imani", "Jonas",
	"Keiko", "Luis", "Mira", "Noah", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tariq",
	"Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Anika", "Bruno", "Chloe", "Dmitri",
}

var lastNames = []string{
	"Adler", "Baptiste", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Haddad",
	"Ibarra", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Osei", "Petrov",
	"Quintero", "Rossi", "Santos", "Tanaka", "Umar", "Varga", "Walsh", "Yilmaz", "Zhou",
}

var authorRoles = []string{
	"Senior Editor, Careers", "Staff Writer, Data and AI", "Contributing Writer",
	"Staff Writer, Infrastructure", "Editor, Salaries", "Reporter, Hiring and Interviews",
	"Contributing Editor, Engineering Management",
}

var bioSentences = []string{
	"{Name} spent {number} years as {a_role} at a {company} before moving into writing.",
	"{Name} covers hiring, pay and the day-to-day reality of work as {a_role}.",
	"Before joining the team, {Name} worked in {field} and taught {skill} at evening classes.",
	"{Name} reviews articles for technical accuracy and keeps our salary tables current.",
	"Readers write to {Name} most often about {activity} and career changes.",
	"{Name} believes most career advice is too vague, and tries to make every piece specific.",
	"Outside work, {Name} mentors {people} and volunteers at a local coding club.",
}

// topicTags start the tag list; longer lists add "<topic> Careers" etc.
var topicTags = []string{
	"Career Growth", "Interviewing", "Salaries", "Remote Work", "Resumes", "Negotiation",
	"Python", "Go", "SQL", "Kubernetes", "Cloud", "DevOps", "Security", "Data Science",
	"Machine Learning", "Frontend", "Backend", "Mobile", "Testing", "Leadership",
	"Management", "Product", "Design", "Accessibility", "Open Source", "Networking",
	"Linux", "Databases", "Career Change", "Bootcamps", "Certificates", "Portfolios",
	"Job Search", "Promotions", "Burnout", "Mentoring", "Freelancing", "Startups",
	"Big Tech", "Public Sector", "Writing", "Public Speaking", "Observability", "Reliability",
	"Terraform", "Rust", "Java", "TypeScript", "JavaScript", "Analytics", "Statistics",
	"Internships", "Graduates", "Layoffs", "Equity", "Benefits", "Onboarding", "Hiring",
	"Team Culture", "Productivity",
}

var tagSuffixes = []string{"Careers", "Interviews", "Jobs", "Skills", "Pay"}

var tableHeads = [][]string{
	{"Level", "Typical base salary", "Years of experience"},
	{"Skill", "Why it matters", "Where to practice"},
	{"Route", "Typical length", "Cost"},
}

var levels = []string{"Junior", "Mid-level", "Senior", "Staff", "Principal"}

var routes = []string{"Degree", "Bootcamp", "Self-taught", "Apprenticeship", "Internal move"}

// code holds a few snippets per language; @w@ is replaced by a
// lower-case identifier so snippets vary a little.
var code = []struct{ lang, text string }{
	{"go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i, @w@ := range []string{\"plan\", \"build\", \"ship\"} {\n\t\tfmt.Println(i, @w@)\n\t}\n}\n"},
	{"go", "func @w@Handler(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodGet {\n\t\thttp.Error(w, \"method not allowed\", http.StatusMethodNotAllowed)\n\t\treturn\n\t}\n\tfmt.Fprintln(w, \"ok\")\n}\n"},
	{"bash", "git switch -c @w@-fix\ngo test ./...\ngit commit -am \"Fix @w@ edge case\"\ngit push -u origin @w@-fix\n"},
	{"bash", "kubectl get pods -n @w@\nkubectl logs -n @w@ deploy/api --since=10m | grep -i error\n"},
	{"yaml", "name: @w@\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n"},
	{"yaml", "service: @w@\nslo:\n  target: 99.9\n  window: 30d\nalerts:\n  - burn_rate: 14.4\n    for: 1h\n"},
	{"python", "import csv\n\nwith open(\"@w@.csv\") as f:\n    rows = list(csv.DictReader(f))\n\nprint(sum(float(r[\"salary\"]) for r in rows) / len(rows))\n"},
	{"python", "def @w@(items):\n    \"\"\"Return the items sorted by score, best first.\"\"\"\n    return sorted(items, key=lambda item: item.score, reverse=True)\n"},
}

var codeWords = []string{"billing", "search", "payments", "reports", "signup", "inventory", "alerts", "profile"}
