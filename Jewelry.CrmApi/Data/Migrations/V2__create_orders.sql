-- The CRM's view of every order, kept from the order events, for sellers to approve and to answer customers.
CREATE TABLE orders (
    order_id         uuid          PRIMARY KEY,
    customer_id      uuid          NOT NULL,
    status           text          NOT NULL,
    subtotal         numeric(12,2) NOT NULL,
    discount_percent numeric(5,2)  NOT NULL,
    price            numeric(12,2),
    currency         char(3)       NOT NULL,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now()
);

-- The sellers' worklist: priced orders waiting for a decision, oldest first.
CREATE INDEX ix_orders_status_updated_at ON orders (status, updated_at);

CREATE TABLE order_history (
    order_id   uuid        NOT NULL REFERENCES orders (order_id),
    status     text        NOT NULL,
    note       text,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_order_history_order ON order_history (order_id, changed_at);
