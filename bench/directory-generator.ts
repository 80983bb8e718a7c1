// A realistic, multilingual network of providers for the directory benchmark (deterministic).
import { profileSchema, type Profile } from "../src/domain/profile/profile.schema.ts";
import { priceModels, serviceKinds, valueTags } from "../src/domain/profile/taxonomy.ts";

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const some = <T>(list: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(list)))];

const languages = [
  {
    lang: "en",
    countries: ["GB", "US", "IE", "CA"],
    jurisdiction: ["UK", "US", "EU", "CA"],
    names: [
      "Tech Co-op",
      "Hosting Collective",
      "Commons Servers",
      "Digital Workers",
      "Riverside Hosting",
      "Solidarity Tech",
    ],
    summaries: [
      "Email, websites and shared files for unions, tenants and climate groups",
      "Worker-owned hosting for grassroots organising",
      "Privacy-respecting services for community groups",
    ],
    statements: [
      "We are owned by the workers who run the servers.",
      "We host movements, not advertisers.",
      "Our servers run on renewable energy and free software.",
    ],
  },
  {
    lang: "fr",
    countries: ["FR", "BE", "CH", "CA"],
    jurisdiction: ["EU", "EU", "CH", "CA"],
    names: [
      "Chaton Libre",
      "Collectif Hébergeur",
      "Coopérative Numérique",
      "Les Serveurs Solidaires",
      "Infra Commune",
      "La Ruche Libre",
    ],
    summaries: [
      "Hébergement de courriels, de sites et de fichiers partagés pour les associations",
      "Services libres et éthiques pour les collectifs militants",
      "Un hébergeur associatif, féministe et local",
    ],
    statements: [
      "Nous hébergeons les luttes sociales et écologistes.",
      "Aucune publicité, aucun pistage, que du logiciel libre.",
      "Une coopérative au service des associations.",
    ],
  },
  {
    lang: "es",
    countries: ["ES", "MX", "AR", "CL"],
    jurisdiction: ["EU", "MX", "AR", "CL"],
    names: [
      "Cooperativa Sur",
      "Colectivo Nube",
      "Servidores Libres",
      "Tecnología Comunitaria",
      "La Red Solidaria",
      "Hosting Popular",
    ],
    summaries: [
      "Alojamiento de correo electrónico y páginas web para colectivos y sindicatos",
      "Servicios libres para movimientos sociales",
      "Nube cooperativa para organizaciones feministas",
    ],
    statements: [
      "Una cooperativa tecnológica al servicio de los movimientos sociales.",
      "Sin publicidad ni rastreo.",
      "Infraestructura autogestionada por sus trabajadoras.",
    ],
  },
  {
    lang: "de",
    countries: ["DE", "AT", "CH"],
    jurisdiction: ["EU", "EU", "CH"],
    names: ["Freie Server Kollektiv", "Genossenschaft Netz", "Solidarische Technik", "Gemeinsam Hosten"],
    summaries: [
      "E-Mail, Webseiten und Dateiablage für Vereine und Initiativen",
      "Datenschutzfreundliche Dienste für Bewegungen",
    ],
    statements: ["Wir hosten soziale Bewegungen mit freier Software.", "Keine Werbung, kein Tracking."],
  },
  {
    lang: "pt",
    countries: ["PT", "BR"],
    jurisdiction: ["EU", "BR"],
    names: ["Cooperativa Nuvem", "Coletivo Servidor", "Tecnologia Popular", "Rede Livre"],
    summaries: ["Hospedagem de e-mail e sites para coletivos e sindicatos", "Serviços livres para movimentos sociais"],
    statements: [
      "Uma cooperativa de tecnologia a serviço dos movimentos sociais.",
      "Sem publicidade nem rastreamento.",
    ],
  },
] as const;

const software: Partial<Record<(typeof serviceKinds)[number], string>> = {
  email: "Postfix",
  "web-hosting": "Apache",
  nextcloud: "Nextcloud",
  mastodon: "Mastodon",
  matrix: "Synapse",
  peertube: "PeerTube",
  "mailing-lists": "Sympa",
  "git-forge": "Forgejo",
  "video-calls": "Jitsi Meet",
  pads: "Etherpad",
  forum: "Discourse",
  wiki: "MediaWiki",
};

export type GeneratedProvider = { slug: string; name: string; profile: Profile };

export function generateProviders(count: number, servicesEach = 10): GeneratedProvider[] {
  seed = 42;
  return Array.from({ length: count }, (_, i) => {
    const l = pick(languages);
    const c = Math.floor(random() * l.countries.length);
    const kinds = some(serviceKinds, servicesEach * 2).slice(0, servicesEach);
    while (kinds.length < servicesEach) kinds.push(pick(serviceKinds));
    const support = l.lang === "en" ? ["en"] : [l.lang, ...(random() < 0.6 ? ["en"] : [])];
    const profile = profileSchema.parse({
      summary: pick(l.summaries),
      languages: support,
      values: {
        tags: some(valueTags, 2 + Math.floor(random() * 4)),
        statement: `${pick(l.statements)} ${pick(l.statements)}`,
      },
      services: kinds.map((kind) => {
        const model = pick(priceModels);
        return {
          kind,
          software: software[kind],
          description: `${pick(l.summaries)}.`,
          price:
            model === "fixed"
              ? { model, amount: 2 + Math.floor(random() * 20), currency: "EUR", period: "month" }
              : { model },
          availability: random() < 0.7 ? "open" : random() < 0.5 ? "waitlist" : "closed",
          supportLanguages: support,
        };
      }),
      place: { country: l.countries[c], region: undefined, jurisdiction: l.jurisdiction[c] },
      capacity: {
        storageGb: Math.floor(random() * 5000),
        accounts: Math.floor(random() * 2000),
        statedAt: "2026-10-01",
      },
    });
    return { slug: `p${i}`, name: `${pick(l.names)} ${i}`, profile };
  });
}
