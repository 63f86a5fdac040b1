-- Orders customers place. Prices of catalog lines are fixed at order time; a custom piece is priced by MES.
CREATE TABLE orders (
    id               uuid          PRIMARY KEY,
    customer_id      uuid          NOT NULL,
    customer_tier    text          NOT NULL,
    discount_percent numeric(5,2)  NOT NULL,
    status           text          NOT NULL,
    subtotal         numeric(12,2) NOT NULL,
    currency         char(3)       NOT NULL,
    comment          text,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX ix_orders_customer_created_at ON orders (customer_id, created_at DESC);

CREATE TABLE order_lines (
    order_id        uuid          NOT NULL REFERENCES orders (id),
    line_number     integer       NOT NULL,
    catalog_item_id integer       NOT NULL REFERENCES catalog_items (id),
    quantity        integer       NOT NULL CHECK (quantity > 0),
    unit_price      numeric(12,2) NOT NULL,
    PRIMARY KEY (order_id, line_number)
);

-- A piece made from the customer's own 3D model; the model file itself lives in file storage, not here.
CREATE TABLE custom_pieces (
    order_id          uuid    PRIMARY KEY REFERENCES orders (id),
    model_file_name   text    NOT NULL,
    model_size_bytes  bigint  NOT NULL,
    material          text    NOT NULL,
    ring_size_mm      numeric(4,1),
    dimensions_mm     text,
    engraving_text    text
);

CREATE TABLE order_status_history (
    order_id   uuid        NOT NULL REFERENCES orders (id),
    status     text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_order_status_history_order ON order_status_history (order_id, changed_at);
