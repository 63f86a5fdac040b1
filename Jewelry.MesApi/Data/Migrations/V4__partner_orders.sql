-- B2B partners order straight from MES and are told of every status change at their callback URL.
ALTER TABLE production_orders
    ADD COLUMN partner_id         text,
    ADD COLUMN external_reference text,
    ADD COLUMN description        text,
    ADD COLUMN callback_url       text;

-- A partner retrying the same order gets the same order back, never a second one.
CREATE UNIQUE INDEX ux_production_orders_partner_reference
    ON production_orders (partner_id, external_reference) WHERE partner_id IS NOT NULL;

-- Callbacks waiting to be delivered, oldest first per order, with the trace of the change that caused them.
CREATE TABLE partner_notifications (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id        uuid        NOT NULL REFERENCES production_orders (order_id),
    callback_url    text        NOT NULL,
    payload         jsonb       NOT NULL,
    traceparent     text,
    tracestate      text,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_partner_notifications_pending ON partner_notifications (next_attempt_at) WHERE delivered_at IS NULL;
