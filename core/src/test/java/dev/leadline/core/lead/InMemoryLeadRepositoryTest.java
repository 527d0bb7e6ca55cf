package dev.leadline.core.lead;

import dev.leadline.core.testing.InMemoryLeadRepository;

class InMemoryLeadRepositoryTest extends LeadRepositoryContract {
    private final InMemoryLeadRepository repository = new InMemoryLeadRepository();

    @Override
    protected LeadRepository repository() {
        return repository;
    }
}
