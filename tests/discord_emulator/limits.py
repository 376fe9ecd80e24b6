"""Discord API limits enforced by the emulator.

Numbers were copied by hand from Discord's OpenAPI spec
(discord-api-spec, ``specs/openapi.json``; schema and property named per constant)
or, where the spec is silent or looser than production, from the developer docs
(noted as "docs").  The emulator never reads the spec at run time.
"""

# Messages --------------------------------------------------------------------
# IncomingWebhookInteractionRequest.content / IncomingWebhookRequestPartial.content:
# maxLength 2000.  MessageCreateRequest.content says 4000, but that is the Nitro user
# limit; bot accounts are rejected above 2000 (docs: "Create Message").
CONTENT_MAX = 2000
# MessageCreateRequest.embeds / IncomingWebhookInteractionRequest.embeds: maxItems 10
EMBEDS_MAX = 10
# MessageCreateRequest.attachments: maxItems 10
ATTACHMENTS_MAX = 10

# Embeds ----------------------------------------------------------------------
# RichEmbed.title: maxLength 256
EMBED_TITLE_MAX = 256
# RichEmbed.description: maxLength 4096
EMBED_DESCRIPTION_MAX = 4096
# RichEmbed.fields: maxItems 25
EMBED_FIELDS_MAX = 25
# RichEmbedField.name: maxLength 256
EMBED_FIELD_NAME_MAX = 256
# RichEmbedField.value: maxLength 1024
EMBED_FIELD_VALUE_MAX = 1024
# RichEmbedFooter.text: maxLength 2048
EMBED_FOOTER_TEXT_MAX = 2048
# RichEmbedAuthor.name: maxLength 256
EMBED_AUTHOR_NAME_MAX = 256
# docs ("Embed Limits"): title + description + field names/values + footer text +
# author name of ALL embeds of one message must not exceed 6000 characters.
EMBED_TOTAL_MAX = 6000

# Components ------------------------------------------------------------------
# docs ("Action Rows"): a (non components-v2) message has at most 5 action rows;
# the spec's components.maxItems 40 counts every component of a v2 layout.
ACTION_ROWS_MAX = 5
# ActionRowComponentForMessageRequest.components: minItems 1, maxItems 5
ACTION_ROW_COMPONENTS_MAX = 5
# ButtonComponentForMessageRequest.custom_id: minLength 1, maxLength 100
CUSTOM_ID_MAX = 100
# ButtonComponentForMessageRequest.label: maxLength 80
BUTTON_LABEL_MAX = 80

# Autocomplete ----------------------------------------------------------------
# InteractionApplicationCommandAutocompleteCallbackStringData.choices: maxItems 25
AUTOCOMPLETE_CHOICES_MAX = 25
# ApplicationCommandOptionStringChoice.name: minLength 1, maxLength 100
CHOICE_NAME_MAX = 100
# docs ("Application Command Option Choice"): string values up to 100 characters
# (the spec's ApplicationCommandOptionStringChoice.value says 6000; Discord enforces 100).
CHOICE_VALUE_MAX = 100

# Application commands --------------------------------------------------------
# ApplicationCommandCreateRequest.name and every Application*Option.name: 1..32
COMMAND_NAME_MAX = 32
# ApplicationCommandCreateRequest.description / Application*Option.description: maxLength 100
COMMAND_DESCRIPTION_MAX = 100
# ApplicationCommandCreateRequest.options / ApplicationCommandSubcommandOption.options /
# ApplicationCommandSubcommandGroupOption.options: maxItems 25
COMMAND_OPTIONS_MAX = 25
# ApplicationCommandStringOption.choices (and Integer/Number): maxItems 25
COMMAND_CHOICES_MAX = 25
# docs ("Registering a Command"): 100 global CHAT_INPUT commands, 100 per guild.
COMMANDS_MAX = 100

# Interactions ----------------------------------------------------------------
# docs ("Responding to an Interaction"): the initial response must be sent within 3 s.
INTERACTION_RESPONSE_DEADLINE = 3.0
# ApplicationCommandCreateRequest.default_member_permissions: maximum
PERMISSIONS_MAX = 18014398509481983
