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
}

/** people: PK "person", RK person id. Small enough to list and match in memory. */
export class AzureTablesPersonStore implements PersonStore {
  constructor(private readonly tables: AzureTables) {}

  async putPerson(person: Person): Promise<void> {
    const entity: PersonEntity = { id: person.id, name: person.name, boardManager: person.boardManager };
    if (person.email) entity.email = person.email;
    if (person.aadObjectId) entity.aadObjectId = person.aadObjectId;
    if (person.organisation) entity.organisation = person.organisation;
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
  if (e.organisation) p.organisation = e.organisation;
  return p;
}
