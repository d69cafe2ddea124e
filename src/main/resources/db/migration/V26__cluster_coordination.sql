-- Several inbox instances on one database (issue 19). These tables coordinate the instances and
-- hold no account's data: each row names a conversation, a carrier account (SMPP system_id), a
-- cluster-wide chore or a lock stripe.

-- Which instance drains a conversation's outbox now: one at a time, so its replies go in order and
-- each part is submitted once. A lease: an instance that dies stops renewing it, and another takes
-- the conversation over once claimed_until has passed.
create table outbox_claim (
    conversation_id bigint primary key,
    claimed_by      varchar(200) not null,
    claimed_until   timestamp with time zone not null
);

-- Chores that run on one instance of the cluster (housekeeping): held by whoever renewed last,
-- taken over by another once held_until has passed.
create table cluster_lease (
    name        varchar(40) primary key,
    holder      varchar(200),
    held_until  timestamp with time zone
);
insert into cluster_lease (name) values ('housekeeping');

-- The carrier account's shared submit schedule (SMPP_SUBMIT_TPS is the account's, not an
-- instance's): the time, in microseconds since the epoch, of the next free submit slot.
create table submit_schedule (
    carrier_account   varchar(64) primary key,
    next_slot_micros  bigint not null
);

-- Row locks that serialise the parts of one concatenated SMS across instances: a set locks the
-- stripe its key hashes to (for update) before it looks at its parts.
create table reassembly_lock (
    stripe int primary key
);
insert into reassembly_lock (stripe) values
    (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15),
    (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31),
    (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47),
    (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63),
    (64), (65), (66), (67), (68), (69), (70), (71), (72), (73), (74), (75), (76), (77), (78), (79),
    (80), (81), (82), (83), (84), (85), (86), (87), (88), (89), (90), (91), (92), (93), (94), (95),
    (96), (97), (98), (99), (100), (101), (102), (103), (104), (105), (106), (107), (108), (109), (110), (111),
    (112), (113), (114), (115), (116), (117), (118), (119), (120), (121), (122), (123), (124), (125), (126), (127),
    (128), (129), (130), (131), (132), (133), (134), (135), (136), (137), (138), (139), (140), (141), (142), (143),
    (144), (145), (146), (147), (148), (149), (150), (151), (152), (153), (154), (155), (156), (157), (158), (159),
    (160), (161), (162), (163), (164), (165), (166), (167), (168), (169), (170), (171), (172), (173), (174), (175),
    (176), (177), (178), (179), (180), (181), (182), (183), (184), (185), (186), (187), (188), (189), (190), (191),
    (192), (193), (194), (195), (196), (197), (198), (199), (200), (201), (202), (203), (204), (205), (206), (207),
    (208), (209), (210), (211), (212), (213), (214), (215), (216), (217), (218), (219), (220), (221), (222), (223),
    (224), (225), (226), (227), (228), (229), (230), (231), (232), (233), (234), (235), (236), (237), (238), (239),
    (240), (241), (242), (243), (244), (245), (246), (247), (248), (249), (250), (251), (252), (253), (254), (255);
