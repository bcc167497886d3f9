import { odata } from '@azure/data-tables';
import type { Person } from '../../domain/person';
import type { PersonStore } from '../../domain/ports';
import { AzureTables, getOrUndefined, keyPart, listAll } from './tables';

interface PersonEntity {
  id: string;
  name: string;
  email?: string;
  aadObjectId?: string;
  organisation?: string;
  boardManager: boolean;
  /** JSON array of board keys. */
  manages?: string;
  /** Board-local date they were retired. */
  retired?: string;
}

/** people: PK "person", RK person id. Small enough to list and match in memory. */
export class AzureTablesPersonStore implements PersonStore {
  constructor(private readonly tables: AzureTables) {}

  async putPerson(person: Person): Promise<void> {
    const entity: PersonEntity = { id: person.id, name: person.name, boardManager: person.boardManager };
    if (person.email) entity.email = person.email;
    if (person.aadObjectId) entity.aadObjectId = person.aadObjectId;
    if (person.manages) entity.manages = JSON.stringify(person.manages);
    if (person.organisation) entity.organisation = person.organisation;
    if (person.retired) entity.retired = person.retired;
    await this.tables.client('people').upsertEntity({ partitionKey: 'person', rowKey: keyPart(person.id), ...entity }, 'Replace');
  }

  async listPeople(): Promise<Person[]> {
    const rows = await listAll<PersonEntity>(this.tables.client('people'), odata`PartitionKey eq ${'person'}`);
    return rows.map(toPerson);
  }

  async getPerson(id: string): Promise<Person | undefined> {
    const e = await getOrUndefined<PersonEntity>(this.tables.client('people'), 'person', keyPart(id));
    return e ? toPerson(e) : undefined;
  }
}

function toPerson(e: PersonEntity): Person {
  const p: Person = { id: e.id, name: e.name, boardManager: e.boardManager === true };
  if (e.email) p.email = e.email;
  if (e.aadObjectId) p.aadObjectId = e.aadObjectId;
  if (e.manages) p.manages = JSON.parse(e.manages) as string[];
  if (e.organisation) p.organisation = e.organisation;
  if (e.retired) p.retired = e.retired;
  return p;
}
