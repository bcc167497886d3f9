import { inMemoryStores } from '../../src/store/in-memory/in-memory-stores';
import { boardCalendarStoreContract } from './board-calendar.contract';
import { boardPeopleContract, changeLogContract } from './change-log.contract';
import { RememberedOutbox } from '../../src/store/remembered-outbox';
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
outboxAndCoverContract('the memory of final entries over in-memory', async () => {
  const stores = inMemoryStores();
  return { ...stores, outbox: new RememberedOutbox(stores.outbox), second: () => new RememberedOutbox(stores.outbox), done };
});
