-- Price calculations waiting to run. Calculating a price takes minutes in real life, so it runs in a
-- background worker; the row keeps the trace context of the order so the calculation joins its trace.
CREATE TABLE price_calculations (
    order_id    uuid        PRIMARY KEY REFERENCES production_orders (order_id),
    due_at      timestamptz NOT NULL,
    traceparent text,
    tracestate  text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_price_calculations_due_at ON price_calculations (due_at);

CREATE TABLE production_order_history (
    order_id   uuid        NOT NULL REFERENCES production_orders (order_id),
    status     text        NOT NULL,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_production_order_history_order ON production_order_history (order_id, changed_at);
