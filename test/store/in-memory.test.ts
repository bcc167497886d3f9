import { inMemoryStores } from '../../src/store/in-memory/in-memory-stores';
import { boardCalendarStoreContract } from './board-calendar.contract';
import { boardPeopleContract, changeLogContract } from './change-log.contract';
import { checkInStoreContract } from './check-in-store.contract';
import { otherStoresContract } from './other-stores.contract';
import { outboxAndCoverContract } from './outbox-and-cover.contract';

// The same contracts the Azure Tables implementations pass (test/store/azure-tables.test.ts).
const done = async () => {};
checkInStoreContract('in memory', async () => ({ store: inMemoryStores().checkIns, done }));
otherStoresContract('in memory', async () => ({ ...inMemoryStores(), done }));
outboxAndCoverContract('in memory', async () => ({ ...inMemoryStores(), done }));
boardCalendarStoreContract('in memory', async () => ({ ...inMemoryStores(), done }));
changeLogContract('in memory', async () => ({ ...inMemoryStores(), done }));
boardPeopleContract('in memory', async () => ({ ...inMemoryStores(), done }));
