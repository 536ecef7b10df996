/** Spanish phrase bank (agents tutean, as Spanish shops do; customers write neutrally). */
import { decimalAmount, pad2, type LanguagePack } from '../language-pack.ts';

const WEEKDAYS = ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'];
const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'];

export const ES: LanguagePack = {
  code: 'es',
  replyPrefixes: ['RE:'],
  customerGreetings: ['Hola,', 'Buenos días,', 'Hola equipo de Northwind,', 'Buenas tardes,'],
  customerSignoffs: ['Saludos,', 'Un saludo,', 'Gracias de antemano,', 'Atentamente,'],
  mobileFooters: ['Enviado desde mi iPhone', 'Enviado desde mi móvil'],
  agentGreetings: ['Hola, {name}:', 'Hola {name},'],
  agentSignoffs: ['Un saludo,', 'Saludos cordiales,'],
  supportTitle: 'Atención al cliente',
  topics: {
    'order-status': {
      subjects: ['¿Dónde está mi pedido {order}?', 'Pedido {order} sin enviar'],
      openings: [
        'Hace una semana hice un pedido del artículo «{product}» (número {order}) y todavía no he recibido la confirmación de envío. ¿Podrían decirme qué pasa?',
        'Mi pedido {order} lleva cinco días en estado «en preparación». ¿Hay algún problema? Me gustaría tenerlo antes del fin de semana.',
      ],
      agentReplies: [
        'Gracias por escribirnos. He consultado con el almacén: el artículo «{product}» se ha empaquetado esta mañana y sale hoy con la recogida. En cuanto el transportista lo escanee, te llegará un correo con el número de seguimiento ({tracking}).\n\nPerdona la espera; después de las rebajas tuvimos algo de retraso.',
        '¡Gracias por tu paciencia! Tu pedido {order} salió ayer con ParcelFox. Puedes seguirlo aquí: {trackingUrl}\n\nLa entrega suele tardar entre 2 y 4 días laborables.',
      ],
    },
    refund: {
      subjects: ['Reembolso del pedido {order}', 'Sigo esperando el reembolso'],
      openings: [
        'Devolví el artículo «{product}» del pedido {order} hace dos semanas y el seguimiento indica que lo recibieron el lunes, pero todavía no me han devuelto los {amount}. ¿Cuánto suele tardar?',
        'Quiero solicitar el reembolso del pedido {order}. El artículo «{product}» no me queda bien; no lo he usado y todavía tiene la etiqueta. ¿Qué tengo que hacer?',
      ],
      agentReplies: [
        'Siento que el reembolso esté tardando tanto. Tu devolución del pedido {order} ya llegó a nuestro almacén y ha pasado la revisión, así que acabo de tramitar el reembolso de {amount}. Según tu banco, puede tardar de 3 a 5 días laborables en aparecer.',
        'Claro que sí. Los artículos sin usar se pueden devolver en un plazo de 30 días. Te he enviado por correo una etiqueta de devolución prepagada. En cuanto revisemos la devolución, te reembolsaremos {amount}.',
      ],
    },
    'shipping-delay': {
      subjects: ['Paquete atascado en tránsito', 'Entrega con retraso – pedido {order}'],
      openings: [
        'El seguimiento de mi paquete ({tracking}) no se mueve desde el martes pasado, solo pone «en tránsito». Necesito el artículo «{product}» para una excursión este fin de semana. ¿Pueden hacer algo?',
        'Mi pedido {order} tenía que llegar el viernes y todavía no ha llegado. En la web del transportista solo pone «retrasado». ¿Podrían averiguar qué ocurre?',
      ],
      agentReplies: [
        'Siento mucho el retraso, sobre todo con una excursión a la vista. He abierto una reclamación con ParcelFox para el envío {tracking}; suelen responder en 24 horas. Si el paquete no se ha movido para entonces, te envío uno nuevo por mensajería urgente sin coste.',
        'Gracias por avisarnos. ParcelFox nos confirma un atasco en su centro regional por las tormentas de esta semana. Tu paquete debería entregarse en los próximos dos días laborables.',
      ],
    },
    'damaged-item': {
      subjects: ['Artículo dañado', 'Paquete en mal estado – pedido {order}'],
      openings: [
        'Mi pedido {order} ha llegado hoy, pero la caja estaba completamente aplastada por un lado y el artículo «{product}» está dañado. Adjunto una foto. ¿Qué opciones tengo? {photo}',
        'Por desgracia, el artículo «{product}» tiene un roto en la tela, justo al lado de la cremallera. Seguramente pasó durante el transporte, porque la caja también estaba dañada. Preferiría un cambio antes que un reembolso.',
      ],
      agentReplies: [
        'Lamento muchísimo que el artículo haya llegado así. Ya he preparado un envío de reposición que sale hoy con entrega prioritaria. No hace falta que nos devuelvas el artículo dañado.',
        'Esto no debería haber pasado, disculpa. Puedo enviarte ahora mismo un nuevo artículo «{product}» o reembolsarte los {amount} completos. Dime qué prefieres.',
      ],
    },
    login: {
      subjects: ['No puedo iniciar sesión', 'No me llega el correo para restablecer la contraseña'],
      openings: [
        'Llevo dos días intentando entrar en mi cuenta de Northwind. Cada vez que pido restablecer la contraseña, no me llega nada, ni siquiera a la carpeta de spam. Mi correo es {email}.',
        'La aplicación me dice «credenciales no válidas», aunque la contraseña es correcta. La cambié la semana pasada y ahora no puedo acceder de ninguna manera.',
      ],
      agentReplies: [
        'Perdona las molestias. Tu cuenta ({email}) se había bloqueado temporalmente tras varios intentos fallidos; ya la he desbloqueado y te he enviado un nuevo enlace para restablecer la contraseña, válido durante 60 minutos.',
        'Gracias por avisar. Ayer por la noche tuvimos una incidencia en el servicio de inicio de sesión que ya está resuelta. ¿Puedes volver a intentarlo? Si sigue fallando, dime qué dispositivo y qué versión de la app usas (Ajustes > Acerca de).',
      ],
    },
    invoice: {
      subjects: ['Factura del pedido {order}', 'Necesito factura con NIF'],
      openings: [
        '¿Podrían enviarme la factura del pedido {order}? La necesito para una nota de gastos y no encuentro dónde descargarla en mi cuenta.',
        'Necesitamos una factura completa del pedido {order} con el nombre de la empresa y nuestro NIF. El justificante del correo de confirmación no nos sirve para contabilidad.',
      ],
      agentReplies: [
        '¡Claro! Te adjunto la factura {invoice} del pedido {order}. A partir de ahora también puedes descargar tus facturas en Cuenta > Pedidos > Factura.',
        'Sin problema, te adjunto la factura corregida {invoice}. Si vuestro departamento de contabilidad necesita algún dato más, la vuelvo a emitir.',
      ],
    },
    'feature-question': {
      subjects: ['Pregunta sobre el artículo «{product}»', '¿Envolver para regalo?'],
      openings: [
        'Antes de hacer el pedido: ¿el artículo «{product}» es impermeable o solo repele el agua? Voy a hacer una semana de senderismo por Escocia en octubre.',
        '¿Ofrecen envoltorio de regalo? ¿Se puede añadir una dedicatoria? Quiero enviar el artículo «{product}» directamente a una amiga por su cumpleaños.',
      ],
      agentReplies: [
        '¡Buena pregunta! El artículo «{product}» es totalmente impermeable y tiene las costuras selladas. Nuestro equipo lo ha probado con auténtico tiempo escocés.',
        '¡Sí! Al pagar, marca «Es un regalo» y podrás añadir un mensaje de hasta 300 caracteres. Lo envolvemos en papel reciclado y no incluimos la factura en el paquete.',
      ],
    },
    complaint: {
      subjects: ['Reclamación', 'Muy mala experiencia con mi último pedido'],
      openings: [
        'Es la tercera vez que un pedido llega tarde, y esta vez nadie ha contestado a mis correos en una semana. Llevo años comprando aquí, pero me lo estoy replanteando.',
        'Me han cobrado dos veces el pedido {order}. He llamado dos veces y me prometieron una llamada que nunca llegó. Por favor, solucionen esto hoy.',
      ],
      agentReplies: [
        'Lo siento muchísimo. Tienes toda la razón: deberíamos haberte respondido mucho antes. Como disculpa, he añadido a tu cuenta un saldo de {credit}.',
        'Gracias por avisarnos, y disculpa las molestias. Según nuestro equipo de pagos, el segundo cargo del pedido {order} era una preautorización y ya se ha liberado. Puede tardar unos días en desaparecer de tu extracto.',
      ],
    },
    praise: {
      subjects: ['¡Muchas gracias!', 'Un servicio excelente'],
      openings: [
        'Solo quería darles las gracias. El artículo «{product}» llegó un día antes de lo previsto y es perfecto. Lo he usado todo el fin de semana en la montaña.',
        'Quiero dar las gracias a su compañera, que me ayudó la semana pasada con un cambio. Rápida, amable y sin complicaciones.',
      ],
      agentReplies: [
        '¡Muchísimas gracias por escribirnos! He compartido tu mensaje con todo el equipo; nos ha alegrado el día.',
        '¡Qué mensaje tan bonito, gracias! Me aseguraré de que mi compañera lo lea.',
      ],
    },
    'return-exchange': {
      subjects: ['Cambio de talla', 'Devolución – pedido {order}'],
      openings: [
        'El artículo «{product}» me queda un poco pequeño. ¿Puedo cambiarlo por una talla más? Pedido {order}.',
        'Quiero devolver el artículo «{product}» del pedido {order}. Está sin usar y en su embalaje original. ¿Cómo consigo una etiqueta de devolución?',
      ],
      agentReplies: [
        'Por supuesto. Te he reservado la talla siguiente y te adjunto una etiqueta de devolución prepagada para el pedido {order}. En cuanto ParcelFox escanee tu devolución, te enviamos el nuevo.',
        'Sin problema, te adjunto la etiqueta de devolución. Entrega el paquete en cualquier punto ParcelFox en un plazo de 30 días; el reembolso de {amount} se hará en los 3 días laborables siguientes a su recepción.',
      ],
    },
  },
  customerFollowUps: {
    nudge: ['¿Hay alguna novedad? Hace unos días que no sé nada.', 'Vuelvo a escribir por mi consulta de abajo. ¿Alguien podría responderme, por favor?'],
    info: [
      'Claro, el número de pedido es {order} y usé esta dirección de correo ({email}) al comprar.',
      'Gracias por la rápida respuesta. Aquí van los datos: pedido {order}, enviado a la dirección de mi cuenta.',
    ],
    thanks: ['¡Funcionó! Muchas gracias por la ayuda tan rápida.', 'Perfecto, ya lo tengo. ¡Mil gracias!'],
    unhappy: [
      'Sinceramente, esto está tardando demasiado. Quiero una solución antes del fin de semana.',
      'Eso no resuelve mi problema, ya lo he intentado dos veces. ¿Puedo hablar con otra persona?',
    ],
  },
  agentFollowUps: {
    progress: [
      '¡Gracias por los datos! He pasado el caso a nuestro equipo de almacén y les he pedido prioridad. Te escribo como muy tarde mañana.',
      'Una actualización rápida: sigo esperando la respuesta del transportista. No me olvido de ti; te escribo en cuanto sepa algo.',
    ],
    askInfo: ['¿Me puedes enviar el número de pedido y la dirección de correo que usaste al comprar? Así lo reviso enseguida.'],
    resolved: [
      'Buenas noticias: por nuestra parte ya está todo resuelto. Verás el cambio en tu cuenta en las próximas horas. Si necesitas algo más, responde a este correo.',
      '¡Listo! En breve recibirás un correo de confirmación. Gracias de nuevo por tu paciencia.',
    ],
  },
  quoteHeader: (d, who) =>
    `El ${WEEKDAYS[d.weekday]}, ${d.day} ${MONTHS[d.month]} ${d.year} a las ${pad2(d.hour)}:${pad2(d.minute)}, ${who} escribió:`,
  formatAmount: (cents) => `${decimalAmount(cents, ',')} €`,
};
