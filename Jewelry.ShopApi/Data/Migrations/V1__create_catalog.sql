-- The jewelry catalog customers browse. Custom pieces are ordered from items marked customizable.
CREATE TABLE catalog_items (
    id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku             text          NOT NULL UNIQUE,
    name            text          NOT NULL,
    category        text          NOT NULL CHECK (category IN ('ring', 'necklace', 'earrings', 'bracelet', 'pendant', 'brooch')),
    material        text          NOT NULL,
    gemstone        text,
    price           numeric(12,2) NOT NULL CHECK (price > 0),
    currency        char(3)       NOT NULL DEFAULT 'EUR',
    is_customizable boolean       NOT NULL DEFAULT false,
    description     text          NOT NULL
);

CREATE INDEX ix_catalog_items_category_material ON catalog_items (category, material);
