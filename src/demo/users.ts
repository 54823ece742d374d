import type { NewUser } from "../repo/users";

/** One demo user per role, loaded by `npm start` into the local database only. */
export const demoUsers: (NewUser & { id: string })[] = [
  { id: "demo-comms-officer", name: "Priya Shah", email: "priya.shah@demo.gov.uk", roles: ["comms_officer"] },
  { id: "demo-comms-manager", name: "Tom Hughes", email: "tom.hughes@demo.gov.uk", roles: ["comms_manager"] },
  { id: "demo-chief-executive", name: "Helen Carter", email: "helen.carter@demo.gov.uk", roles: ["chief_executive"] },
  {
    id: "demo-monitoring-officer",
    name: "Femi Adeyemi",
    email: "femi.adeyemi@demo.gov.uk",
    roles: ["monitoring_officer"],
  },
  {
    id: "demo-democratic-services",
    name: "Sarah Lewis",
    email: "sarah.lewis@demo.gov.uk",
    roles: ["democratic_services"],
  },
  { id: "demo-ict-manager", name: "Gareth Jones", email: "gareth.jones@demo.gov.uk", roles: ["ict_manager"] },
  { id: "demo-councillor", name: "Cllr Amina Patel", email: "amina.patel@demo.gov.uk", roles: ["councillor"] },
  { id: "demo-candidate", name: "Daniel Morgan", email: "daniel.morgan@demo.example", roles: ["candidate"] },
  { id: "demo-election-agent", name: "Ruth Evans", email: "ruth.evans@demo.example", roles: ["election_agent"] },
  { id: "demo-auditor", name: "Olu Bakare", email: "olu.bakare@demo.gov.uk", roles: ["auditor"] },
  { id: "demo-admin", name: "Chris Walker", email: "chris.walker@demo.gov.uk", roles: ["admin"] },
];
