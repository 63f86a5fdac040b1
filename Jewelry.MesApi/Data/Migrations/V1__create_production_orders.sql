-- Orders as manufacturing sees them. Orders come from the shop (via CRM approval) or straight from B2B partners.
CREATE TABLE production_orders (
    order_id   uuid          PRIMARY KEY,
    source     text          NOT NULL CHECK (source IN ('shop', 'partner')),
    status     text          NOT NULL,
    price      numeric(12,2),
    currency   char(3),
    created_at timestamptz   NOT NULL DEFAULT now(),
    updated_at timestamptz   NOT NULL DEFAULT now()
);

-- The operators' worklist filters by status and shows the newest first.
CREATE INDEX ix_production_orders_status_created_at ON production_orders (status, created_at DESC);
