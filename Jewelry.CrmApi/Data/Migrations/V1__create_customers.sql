-- The customers sellers look after. The tier decides the discount on an order.
CREATE TABLE customers (
    id         uuid        PRIMARY KEY,
    full_name  text        NOT NULL,
    email      text        NOT NULL,
    phone      text,
    tier       text        NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'silver', 'gold', 'platinum')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX ux_customers_email ON customers (lower(email));
CREATE INDEX ix_customers_full_name ON customers (full_name, id);
